package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.CaseSteps;
import com.rebound.EngineRestClient;
import com.rebound.ReboundSpringBootTest;
import com.rebound.SecondTechnician;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A case stays with its technician: the technician who claims its first step finds each next technicians' step already
 * theirs; giving a step to another technician hands the case over; giving it back to the queue ends the hold.
 */
@ReboundSpringBootTest
class CaseTechnicianTest {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;

  @BeforeEach
  void tina() {
    SecondTechnician.ensure(identity);
  }

  @Test
  void theCaseStaysWithItsTechnician_aHandOverMovesIt_anUnclaimEndsIt() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String instance = steps.instanceOf(steps.open("ladrillos-garcia", "Quotes spreadsheet lost"));
    EngineRestClient tech = new EngineRestClient(port, "tech");
    EngineRestClient tina = new EngineRestClient(port, "tina");
    EngineRestClient manager = new EngineRestClient(port, "manager");

    Task assessment = open(instance);
    assertThat(assessment.getAssignee()).as("the first step waits in the queue").isNull();
    assertThat(tech.post("/task/" + assessment.getId() + "/claim", "{\"userId\": \"tech\"}").status()).isEqualTo(204);
    steps.assess(instance, "other", "fileServer");

    Task objectives = open(instance);
    assertThat(objectives.getTaskDefinitionKey()).isEqualTo("agreeObjectives");
    assertThat(objectives.getAssignee()).as("the next technicians' step is the technician's from the start").isEqualTo("tech");
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 24}, "approach": {"value": "recover"}, "agreedWith": {"value": "Juan García"}}""");
    Task recovery = open(instance);
    assertThat(recovery.getAssignee()).isEqualTo("tech");

    // a hand-over: the manager gives the recovery to Tina; the case follows her
    assertThat(manager.post("/task/" + recovery.getId() + "/assignee", "{\"userId\": \"tina\"}").status()).isEqualTo(204);
    assertThat(tina.post("/task/" + recovery.getId() + "/complete", "{\"variables\": {\"recoveryOutcome\": {\"value\": \"done\"}}}")
        .status()).isEqualTo(204);
    Task verification = open(instance);
    assertThat(verification.getAssignee()).as("handed over: the next step is Tina's").isEqualTo("tina");
    assertThat(runtime.getVariable(instance, ProcedureVariables.CASE_TECHNICIAN)).isEqualTo("tina");

    // given back to the queue: the hold ends
    assertThat(tina.post("/task/" + verification.getId() + "/unclaim", "{}").status()).isEqualTo(204);
    assertThat(runtime.getVariables(instance)).doesNotContainKey(ProcedureVariables.CASE_TECHNICIAN);
    assertThat(tech.post("/task/" + verification.getId() + "/complete", "{\"variables\": {\"internalCheckPassed\": {\"value\": true}}}")
        .status()).isEqualTo(204);
    assertThat(open(instance).getAssignee()).as("back in the queue").isNull();
  }

  private Task open(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }
}
