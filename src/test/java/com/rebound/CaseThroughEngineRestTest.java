package com.rebound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole application, driven only through {@code /engine-rest} with HTTP, as an outside client
 * (a script, a monitoring system) would: one case from report to closing, and case numbers under
 * concurrent reports.
 */
@ReboundSpringBootTest
class CaseThroughEngineRestTest {

  @LocalServerPort
  int port;
  EngineRestClient rest;

  @BeforeEach
  void client() {
    rest = new EngineRestClient(port, "tech");
  }

  @Test
  void oneCaseFromReportToClosingThroughEngineRest() {
    EngineRestClient.Response started = rest.post("/process-definition/key/disasterRecovery/start", """
        {"variables": {
          "clientId": {"value": "ladrillos-garcia"},
          "reportedBy": {"value": "Juan García (owner)"},
          "summary": {"value": "Laptop with the quotes spreadsheet will not boot"},
          "detectedAt": {"value": "2026-11-28T09:15:00.000+0100", "type": "Date"}}}""");
    assertThat(started.status()).isEqualTo(200);
    String instance = started.body().get("id").asText();
    String caseNumber = started.body().get("businessKey").asText();
    assertThat(caseNumber).matches("DR-\\d{4}-\\d{4,}");

    // the values exactly as Tasklist's Camunda Forms submit them: no types, numbers as JSON numbers
    complete(instance, "assessImpact", """
        {"impactLevel": {"value": "minor"}, "usersAffected": {"value": 1}, "dataLossSuspected": {"value": "false"},
         "probableCause": {"value": "hardware"}, "damagedScope": {"value": "One laptop: disk not detected"}}""");
    complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 48}, "rpoHours": {"value": 24}, "approach": {"value": "recover"},
         "agreedWith": {"value": "Juan García"}}""");
    complete(instance, "recover", """
        {"recoveryOutcome": {"value": "done"}, "recoveryNotes": {"value": "Disk cloned, spreadsheet recovered"}}""");
    complete(instance, "verifyInternally", """
        {"internalCheckPassed": {"value": "true"}}""");
    complete(instance, "clientAcceptance", """
        {"clientAccepted": {"value": "true"}, "testedBy": {"value": "Juan, Pedro"}}""");
    complete(instance, "postIncidentReview", """
        {"rootCause": {"value": "Old disk"}, "lessonsLearned": {"value": "Back up laptops too"},
         "actionItems": {"value": "[{\\"what\\":\\"Offer laptop backup\\",\\"owner\\":\\"manager\\"}]", "type": "Json"}}""");
    complete(instance, "offerPrevention", """
        {"clientInterest": {"value": "accepted"}}""");

    JsonNode history = rest.get("/history/process-instance/" + instance).body();
    assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(history.get("businessKey").asText()).isEqualTo(caseNumber);

    Map<String, JsonNode> variables = new HashMap<>();
    rest.get("/history/variable-instance?maxResults=200&processInstanceId=" + instance).body()
        .forEach(v -> variables.put(v.get("name").asText(), v));
    assertThat(variables.get("caseNumber").get("value").asText()).isEqualTo(caseNumber);
    assertThat(variables.get("usersAffected").get("type").asText()).isEqualTo("Long");
    assertThat(variables.get("rtoHours").get("type").asText()).isEqualTo("Long");
    assertThat(variables.get("dataLossSuspected").get("type").asText()).isEqualTo("Boolean");
    assertThat(variables.get("internalCheckPassed").get("value").asBoolean()).isTrue();
    assertThat(variables.get("acceptanceRounds").get("value").asLong()).isEqualTo(1L);
    assertThat(variables.get("detectedAt").get("type").asText()).isEqualTo("Date");
    assertThat(variables.get("actionItems").get("type").asText()).isEqualTo("Json");
  }

  @Test
  void aCaseStartedWithABusinessKeyKeepsItAsItsCaseNumber() {
    EngineRestClient.Response started = rest.post("/process-definition/key/disasterRecovery/start", """
        {"businessKey": "DR-2026-7001", "variables": {
          "clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "Monitoring"},
          "summary": {"value": "NAS offline"}}}""");
    assertThat(started.status()).isEqualTo(200);

    JsonNode tasks = rest.get("/task?maxResults=10&processInstanceBusinessKey=DR-2026-7001").body();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo("assessImpact");
    JsonNode caseNumber = rest.get("/process-instance/" + started.body().get("id").asText() + "/variables/caseNumber").body();
    assertThat(caseNumber.get("value").asText()).isEqualTo("DR-2026-7001");
  }

  @Test
  void concurrentReportsGetDistinctConsecutiveCaseNumbers() throws Exception {
    int reports = 8;
    ExecutorService pool = Executors.newFixedThreadPool(reports);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> numbers = new ArrayList<>();
    try {
      for (int i = 0; i < reports; i++) {
        int n = i;
        Callable<String> report = () -> {
          go.await();
          EngineRestClient.Response r = new EngineRestClient(port, "tech").post("/process-definition/key/disasterRecovery/start",
              "{\"variables\": {\"clientId\": {\"value\": \"gestoria-lopez\"}, \"reportedBy\": {\"value\": \"Monitoring\"},"
                  + " \"summary\": {\"value\": \"Alert " + n + "\"}}}");
          assertThat(r.status()).isEqualTo(200);
          return r.body().get("businessKey").asText();
        };
        numbers.add(pool.submit(report));
      }
      go.countDown();
      Set<Long> sequence = new TreeSet<>();
      String year = null;
      for (Future<String> number : numbers) {
        String[] parts = number.get().split("-");
        year = parts[1];
        sequence.add(Long.parseLong(parts[2]));
      }
      assertThat(year).matches("\\d{4}");
      assertThat(sequence).hasSize(reports);
      long first = sequence.iterator().next();
      assertThat(sequence).containsExactlyElementsOf(
          java.util.stream.LongStream.range(first, first + reports).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Completes the step as the group it belongs to would: tech for technicians' steps, manager for managers'. */
  private void complete(String instance, String taskId, String variables) {
    EngineRestClient rest = this.rest.as(
        "managers".equals(com.rebound.procedure.ProcedureVariables.CANDIDATE_GROUPS.get(taskId)) ? "manager" : "tech");
    JsonNode tasks = rest.get("/task?maxResults=10&processInstanceId=" + instance).body();
    assertThat(tasks).as("open tasks of %s", instance).hasSize(1);
    assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo(taskId);
    EngineRestClient.Response done = rest.post("/task/" + tasks.get(0).get("id").asText() + "/submit-form",
        "{\"variables\": " + variables + "}");
    assertThat(done.status()).as("completing %s: %s", taskId, done.body()).isEqualTo(204);
  }
}
