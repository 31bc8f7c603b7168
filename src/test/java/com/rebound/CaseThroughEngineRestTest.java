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
  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;
  EngineRestClient rest;

  @BeforeEach
  void client() {
    rest = new EngineRestClient(port, "tech");
  }

  @Test
  void oneCaseFromReportToClosingThroughEngineRest() throws Exception {
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
         "probableCause": {"value": "other"}, "damagedScope": {"value": "One laptop: disk not detected"}}""");
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
         "actionItems": {"value": "[{\\"what\\":\\"Offer laptop backup\\",\\"owner\\":\\"manager\\",\\"dueDate\\":\\"%s\\"}]", "type": "Json"}}"""
        .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Madrid")).plusDays(30)));
    complete(instance, "offerPrevention", """
        {"clientInterest": {"value": "accepted"}}""");

    JsonNode history = rest.get("/history/process-instance/" + instance).body();
    assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
    java.net.http.HttpResponse<String> detail = ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null);
    JsonNode timeline = rest.json(detail.body()).get("timeline");
    assertThat(timeline.get(timeline.size() - 1).get("step").asText()).as("a closed case's timeline ends with its end event")
        .isEqualTo("EndEvent_CaseClosed");
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

  @Test
  void aGivenCaseNumberIsUniqueAndMovesTheCounterPastIt() throws Exception {
    String first = start(null).body().get("businessKey").asText();
    String year = first.split("-")[1];
    long next = Long.parseLong(first.split("-")[2]) + 1;
    String given = String.format("DR-%s-%04d", year, next + 40);

    EngineRestClient.Response kept = start(given);
    assertThat(kept.status()).as(String.valueOf(kept.body())).isEqualTo(200);
    assertThat(kept.body().get("businessKey").asText()).isEqualTo(given);
    java.net.http.HttpResponse<String> reported = ApiCalls.call(port, "tech", "POST", "/api/incidents",
        "{\"clientId\": \"gestoria-lopez\", \"summary\": \"After a given number\", \"reportedBy\": \"Luisa\"}");
    assertThat(reported.statusCode()).isEqualTo(201);
    assertThat(reported.body()).as("the counter moved past the given number")
        .contains(String.format("\"caseNumber\":\"DR-%s-%04d\"", year, next + 41));

    EngineRestClient.Response again = start(given);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().get("message").asText()).contains("businessKey", given, "already taken");
    assertThat(rest.get("/history/process-instance/count?processInstanceBusinessKey=" + given).body().get("count").asLong())
        .as("one case with that number").isEqualTo(1);
  }

  @Test
  void aCaseNumberThatIsNoCaseNumberIsRefusedAndStartsNothing() {
    long before = rest.get("/history/process-instance/count").body().get("count").asLong();
    for (String bad : List.of("DR-2026\r\n0001", "../../etc/passwd", "DR 2026 0001", "-DR-1", "x".repeat(41), "FAKE-CLOSED-1",
        "DR-26-0001", "DR-2026-1")) {
      EngineRestClient.Response refused = start(bad);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.body().get("message").asText()).contains("businessKey", "is not valid", "DR-<year>-<number>");
    }
    assertThat(rest.get("/history/process-instance/count").body().get("count").asLong()).isEqualTo(before);
  }

  @Test
  void fiftyConcurrentStartsMixingGivenAndGeneratedNumbersGetOneCaseANumber() throws Exception {
    String first = start(null).body().get("businessKey").asText();
    String year = first.split("-")[1];
    long base = Long.parseLong(first.split("-")[2]) + 200;
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<EngineRestClient.Response>> answers = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        // the even ones give one of ten numbers (each given two or three times); the odd ones take the next
        String given = i % 2 == 0 ? String.format("DR-%s-%04d", year, base + (i / 2) % 10) : null;
        asked.add(given);
        answers.add(pool.submit(() -> {
          go.await();
          return start(given);
        }));
      }
      go.countDown();
      Map<String, Integer> casesPerNumber = new HashMap<>();
      Map<String, Integer> refusedPerNumber = new HashMap<>();
      for (int i = 0; i < 50; i++) {
        EngineRestClient.Response answer = answers.get(i).get();
        if (answer.status() == 200) {
          casesPerNumber.merge(answer.body().get("businessKey").asText(), 1, Integer::sum);
        } else {
          assertThat(answer.status()).as("start %d: %s", i, answer.body()).isEqualTo(400);
          assertThat(asked.get(i)).as("a generated number is never refused").isNotNull();
          assertThat(answer.body().get("message").asText()).contains(asked.get(i), "already taken");
          refusedPerNumber.merge(asked.get(i), 1, Integer::sum);
        }
      }
      assertThat(casesPerNumber.values()).as("every number names one case").containsOnly(1);
      for (int k = 0; k < 10; k++) {
        // held by one of the starts that gave it, or by a generated one that reached it first (the given ones are
        // close together, so the counter, moved past one of them, can reach another still in flight)
        String given = String.format("DR-%s-%04d", year, base + k);
        assertThat(casesPerNumber).as("given %s", given).containsKey(given);
      }
      assertThat(refusedPerNumber.keySet()).as("refused numbers are held by another case").isSubsetOf(casesPerNumber.keySet());
      int refused = refusedPerNumber.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(casesPerNumber).as("the 25 generated ones and one start per given number").hasSize(50 - refused);
      assertThat(refused).isGreaterThanOrEqualTo(15);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case WHERE case_number IN ("
          + casesPerNumber.keySet().stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(",")) + ")",
          Integer.class)).as("Rebound's record of cases").isEqualTo(casesPerNumber.size());
    } finally {
      pool.shutdownNow();
    }
  }

  private EngineRestClient.Response start(String businessKey) {
    return new EngineRestClient(port, "tech").post("/process-definition/key/disasterRecovery/start",
        (businessKey == null ? "{" : "{\"businessKey\": " + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(businessKey) + ", ")
            + "\"variables\": {\"clientId\": {\"value\": \"gestoria-lopez\"}, \"reportedBy\": {\"value\": \"Monitoring\"},"
            + " \"summary\": {\"value\": \"Alert\"}}}");
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
