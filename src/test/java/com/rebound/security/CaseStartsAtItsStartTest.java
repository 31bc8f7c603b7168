package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.EngineRestClient;
import com.rebound.ReboundSpringBootTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attack: a technician started a case directly at its end event, and the client was mailed "case
 * closed". Start instructions and moving a running case are for administrators only.
 */
@ReboundSpringBootTest
class CaseStartsAtItsStartTest {

  private static final String AT_THE_END = """
      {"businessKey": "FAKE-CLOSED-%s", "startInstructions": [{"type": "startBeforeActivity", "activityId": "EndEvent_CaseClosed"}],
       "skipCustomListeners": true, "variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "x"},
       "summary": {"value": "x"}}}""";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void techniciansAndManagersCannotStartACaseElsewhereThanAtItsStart() {
    Map<String, Long> before = EngineState.of(engine);
    int messages = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox", Integer.class);
    for (String user : new String[] {"tech", "manager"}) {
      EngineRestClient.Response refused = new EngineRestClient(port, user)
          .post("/process-definition/key/disasterRecovery/start", AT_THE_END.formatted(user));
      assertThat(refused.status()).as("%s: %s", user, refused.body()).isEqualTo(403);
      assertThat(refused.body().get("message").asText()).contains("Only an administrator", "Nothing was changed");
    }
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox", Integer.class)).as("no mail queued").isEqualTo(messages);
  }

  @Test
  void onlyAnAdministratorMovesARunningCase_andTheOperationLogSaysWhoAndWhy() {
    EngineRestClient tech = new EngineRestClient(port, "tech");
    String instance = tech.post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "Luisa"}, "summary": {"value": "NAS"}}}""")
        .body().get("id").asText();
    String move = """
        {"annotation": "%s", "instructions": [{"type": "cancel", "activityId": "assessImpact"},
         {"type": "startBeforeActivity", "activityId": "agreeObjectives", "variables": {"severity": {"value": "SEV3"}}}]}""";

    for (String user : new String[] {"tech", "manager"}) {
      EngineRestClient.Response refused = new EngineRestClient(port, user)
          .post("/process-instance/" + instance + "/modification", move.formatted("skip the assessment"));
      assertThat(refused.status()).as("%s: %s", user, refused.body()).isEqualTo(403);
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo("assessImpact");

    EngineRestClient.Response moved = new EngineRestClient(port, "admin")
        .post("/process-instance/" + instance + "/modification", move.formatted("assessed by phone, see ticket 4711"));
    assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo("agreeObjectives");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().processInstanceId(instance)
        .operationType("ModifyProcessInstance").list()).isNotEmpty()
        .allSatisfy(entry -> {
          assertThat(entry.getUserId()).isEqualTo("admin");
          assertThat(entry.getAnnotation()).isEqualTo("assessed by phone, see ticket 4711");
        });
    String caseNumber = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey();
    String report = new EngineRestClient(port, "tech").html("/api/incidents/" + caseNumber + "/report?language=en");
    assertThat(report).as("the case's record says who moved it and why")
        .contains("Changes made by an administrator", "Moved the case between steps", "admin", "assessed by phone, see ticket 4711");
  }
}
