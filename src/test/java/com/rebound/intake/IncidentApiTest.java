package com.rebound.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api/incidents: a report opens a case for an active client, bad reports are refused field by field, a case tells where it stands. */
@ReboundSpringBootTest
class IncidentApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @LocalServerPort
  int port;
  @Autowired
  HistoryService history;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  private HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
    return ApiCalls.call(port, user, method, path, body);
  }

  @Test
  void aReportOpensACaseWithItsNumber() throws Exception {
    HttpResponse<String> response = call("tech", "POST", "/api/incidents", """
        {"clientId": "gestoria-lopez", "summary": "Ransomware note on every PC", "reportedBy": "Luisa López",
         "detectedAt": "2026-11-28T08:10:00+01:00", "affectedSystems": ["FS01", "PCs of accounting"]}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    String caseNumber = body.get("caseNumber").asText();
    assertThat(caseNumber).matches("DR-\\d{4}-\\d{4,}");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/incidents/" + caseNumber);
    String instance = body.get("processInstanceId").asText();
    assertThat(runtime.getVariable(instance, "clientName")).isEqualTo("Gestoría López");
    assertThat(runtime.getVariable(instance, "detectedAt")).isInstanceOf(java.util.Date.class);
    assertThat(runtime.getVariableTyped(instance, "affectedSystems").getType().getName()).isEqualTo("json");
  }

  @Test
  void badReportsAreRefusedFieldByFieldAndOpenNothing() throws Exception {
    long cases = history.createHistoricProcessInstanceQuery().count();

    HttpResponse<String> unknown = call("tech", "POST", "/api/incidents", """
        {"clientId": "nobody-we-know", "summary": "x", "reportedBy": "y"}""");
    HttpResponse<String> empty = call("tech", "POST", "/api/incidents", """
        {"clientId": "", "summary": " ", "detectedAt": "2099-01-01T00:00:00Z"}""");
    HttpResponse<String> notJson = call("tech", "POST", "/api/incidents", "{\"clientId\": ");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("errors").get(0).get("field").asText()).isEqualTo("clientId");
    assertThat(unknown.body()).contains("no active client 'nobody-we-know'");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).get("errors")).extracting(e -> e.get("field").asText())
        .contains("clientId", "summary", "reportedBy", "detectedAt");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(cases);
  }

  @Test
  void aCaseTellsItsClientStepsRtoAndTimeline() throws Exception {
    JsonNode opened = JSON.readTree(call("tech", "POST", "/api/incidents", """
        {"clientId": "ladrillos-garcia", "summary": "Laptop with the quotes will not boot", "reportedBy": "Juan"}""").body());
    String caseNumber = opened.get("caseNumber").asText();
    String instance = opened.get("processInstanceId").asText();
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), Map.of("impactLevel", "minor",
        "usersAffected", 1L, "dataLossSuspected", true, "probableCause", "other", "damagedScope", "one laptop"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), Map.of("rtoHours", 48L,
        "rpoHours", 24L, "approach", "recover", "agreedWith", "Juan García"));

    JsonNode detail = JSON.readTree(call("tech", "GET", "/api/incidents/" + caseNumber, null).body());

    assertThat(detail.get("client").get("name").asText()).isEqualTo("Construcciones y Ladrillos García");
    assertThat(detail.get("state").asText()).isEqualTo("open");
    assertThat(detail.get("currentSteps").get(0).get("step").asText()).isEqualTo("recover");
    assertThat(detail.get("currentSteps").get(0).get("candidateGroups").get(0).asText()).isEqualTo("technicians");
    assertThat(detail.get("rto").get("hours").asLong()).isEqualTo(48);
    assertThat(detail.get("rto").get("status").asText()).isEqualTo("running");
    // the bricklayer's contract counts business hours: 48 of them end days later, as the timer counts them
    JsonNode rto = detail.get("rto");
    assertThat(rto.get("countsBusinessHours").asBoolean()).isTrue();
    java.time.Instant agreedAt = java.time.Instant.parse(rto.get("agreedAt").asText());
    java.time.Instant deadline = java.time.Instant.parse(rto.get("deadline").asText());
    assertThat(deadline).isAfterOrEqualTo(agreedAt.plus(java.time.Duration.ofHours(48)));
    assertThat(rto.get("minutesLeft").asLong())
        .isBetween(java.time.Duration.between(java.time.Instant.now(), deadline).toMinutes() - 1,
            java.time.Duration.between(java.time.Instant.now(), deadline).toMinutes() + 1);
    assertThat(detail.get("timeline")).extracting(e -> e.get("step").asText())
        .containsSubsequence("StartEvent_DisasterReported", "assessImpact", "agreeObjectives", "recover");

    JsonNode list = JSON.readTree(call("tech", "GET", "/api/incidents?clientId=ladrillos-garcia&state=open&size=200", null).body());
    assertThat(list.get("items")).extracting(i -> i.get("caseNumber").asText()).contains(caseNumber);
    assertThat(call("tech", "GET", "/api/incidents?state=sleeping", null).statusCode()).isEqualTo(400);
    assertThat(call("tech", "GET", "/api/incidents/DR-1999-0001", null).statusCode()).isEqualTo(404);
  }
}
