package com.rebound.casebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.ReboundSpringBootTest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A later round never blanks an earlier answer silently: round 1's verification records 2 hours of data lost; round 2's
 * leaves the field empty (as a form does when the technician clears it); the case keeps 2 hours against its RPO, and a
 * new answer replaces it.
 */
@ReboundSpringBootTest
class LaterRoundTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  @Test
  void anEmptyDataLossInRoundTwoKeepsRoundOnes_aNewAnswerReplacesIt() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String caseNumber = steps.open("ladrillos-garcia", "Quotes folder lost");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "humanError", "fileServer");
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 48}, "rpoHours": {"value": 24}, "approach": {"value": "recover"}, "agreedWith": {"value": "Juan García"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"dataLossHours\": {\"value\": 2}}");
    steps.complete(instance, "clientAcceptance", """
        {"clientAccepted": {"value": false}, "acceptanceIssues": {"value": "Two quotes of last week are missing"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");

    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"dataLossHours\": {\"value\": null}}");
    assertThat(rpo(caseNumber)).as("round 2 said nothing: round 1's answer stands").isEqualTo("met 2");

    steps.complete(instance, "clientAcceptance", """
        {"clientAccepted": {"value": false}, "acceptanceIssues": {"value": "Still one quote missing"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"dataLossHours\": {\"value\": 30}}");
    assertThat(rpo(caseNumber)).as("a new answer replaces it").isEqualTo("exceeded 30");
  }

  private String rpo(String caseNumber) throws Exception {
    var rpo = JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseNumber, null).body()).get("rpo");
    return rpo.get("status").asText() + " " + rpo.path("dataLossHours").asText();
  }
}
