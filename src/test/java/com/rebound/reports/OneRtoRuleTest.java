package com.rebound.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One RTO rule: for a client whose contract counts business hours (Gestoría López, Monday to Friday
 * 08:00-18:00 Madrid), objectives agreed on Friday at 16:00 with an 8 h RTO and a recovery the client
 * accepts on Monday at 10:00, the timer, the API and the report give the same deadline (Monday 14:00)
 * and the same time used (4 h: two on Friday, two on Monday; the night and the weekend do not count).
 */
@ReboundSpringBootTest
class OneRtoRuleTest {

  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;
  @Autowired
  CaseReports reports;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theTimerTheApiAndTheReportAgreeToTheMinuteAcrossANightAndAWeekend() throws Exception {
    ClockUtil.setCurrentTime(madrid("2026-11-27T16:00"));   // a Friday
    String instance = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "gestoria-lopez",
        "reportedBy", "Luisa López", "summary", "File server down")).getId();
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    complete(instance, "assessImpact", Map.of("impactLevel", "major", "usersAffected", 25L, "dataLossSuspected", false,
        "probableCause", "other", "damagedScope", "File server"));
    complete(instance, "agreeObjectives", Map.of("rtoHours", 8L, "rpoHours", 4L, "approach", "recover",
        "agreedWith", "Luisa López"));
    Instant monday14 = madrid("2026-11-30T14:00").toInstant();

    Instant timer = management.createJobQuery().processInstanceId(instance).activityId("Event_RtoBreach").singleResult()
        .getDuedate().toInstant();
    JsonNode running = JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null).body()).get("rto");
    assertThat(timer).as("the breach timer").isEqualTo(monday14);
    assertThat(Instant.parse(running.get("deadline").asText())).as("the API's deadline").isEqualTo(monday14);
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("countsBusinessHours").asBoolean()).isTrue();
    assertThat(running.get("usedMinutes").asLong()).isZero();

    ClockUtil.setCurrentTime(madrid("2026-11-30T10:00"));   // Monday
    complete(instance, "recover", Map.of("recoveryOutcome", "done"));
    complete(instance, "verifyInternally", Map.of("internalCheckPassed", true));
    complete(instance, "clientAcceptance", Map.of("clientAccepted", true));

    JsonNode met = JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null).body()).get("rto");
    CaseReport.Rto report = reports.find(caseNumber).orElseThrow().rto();
    assertThat(met.get("status").asText()).isEqualTo("met");
    assertThat(report.status()).isEqualTo("met");
    assertThat(Instant.parse(met.get("deadline").asText())).isEqualTo(monday14);
    assertThat(report.deadline()).as("the report's deadline").isEqualTo(monday14);
    assertThat(met.get("usedMinutes").asLong()).as("the API's time used").isEqualTo(240);
    assertThat(report.usedHours()).as("the report's time used").isEqualTo(4.0);
    assertThat(Instant.parse(met.get("recoveredAt").asText())).isEqualTo(report.acceptedAt());
  }

  private void complete(String instance, String step, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(step).singleResult().getId(), variables);
  }

  private static Date madrid(String local) {
    return Date.from(LocalDateTime.parse(local).atZone(MADRID).toInstant());
  }
}
