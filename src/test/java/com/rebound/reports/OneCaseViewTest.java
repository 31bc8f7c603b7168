package com.rebound.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import com.rebound.CaseSteps;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One view of a case: a case with a failed acceptance round and a restoration, walked over {@code /engine-rest}, shows
 * the same timeline, moment of acceptance, outcome and RTO status in {@code /api/incidents/{n}}, in
 * {@code /api/cases/{n}} (the console's case page) and in the final report; each checked against the engine's history.
 */
@ReboundSpringBootTest
class OneCaseViewTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  CaseReports reports;

  @Test
  void theApiTheConsoleAndTheReportShowTheSameCase() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String caseNumber = steps.open("gestoria-lopez", "Shares on the NAS encrypted");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "ransomware", "fileServer");
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 48}, "rpoHours": {"value": 24}, "approach": {"value": "recover"}, "agreedWith": {"value": "Luisa López"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"persistenceCheck\": {\"value\": \"Scheduled tasks, services, accounts: nothing left\"}}");
    steps.complete(instance, "clientAcceptance", """
        {"clientAccepted": {"value": false}, "acceptanceIssues": {"value": "Invoices from October are missing"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"needsRestoration\"}}");
    steps.complete(instance, "assessRestoration", """
        {"restorationMethod": {"value": "inSitu"}, "expectedDataLoss": {"value": "Changes since Friday"},
         "clientConsented": {"value": true}, "consentGivenBy": {"value": "Luisa López, by phone"}}""");
    steps.complete(instance, "reinstallInSitu", "{\"reinstallNotes\": {\"value\": \"OS reinstalled\"}}");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"persistenceCheck\": {\"value\": \"Scheduled tasks, services, accounts: nothing left\"}}");
    steps.complete(instance, "clientAcceptance", "{\"clientAccepted\": {\"value\": true}}");
    assertThat(steps.review(instance, "Keep offline copies", "The client tested fast", "[]").status()).isEqualTo(204);
    steps.offerPrevention(instance);

    JsonNode incident = get("tech", "/api/incidents/" + caseNumber);
    JsonNode casePage = get("manager", "/api/cases/" + caseNumber);
    CaseReport report = reports.find(caseNumber).orElseThrow();

    // the engine's history, read here on its own: the steps and the moment the client accepted
    List<HistoricActivityInstance> acceptances = history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId("clientAcceptance").finished().orderByHistoricActivityInstanceEndTime().asc().list();
    assertThat(acceptances).hasSize(2);

    // the timeline: the same steps in the same order, with who and when, everywhere
    List<String> apiTimeline = timeline(incident);
    assertThat(apiTimeline).as("the API's timeline: who did each step").extracting(e -> e.substring(0, e.indexOf(' ', e.indexOf(' ') + 1)))
        .containsSubsequence("assessImpact tech", "clientAcceptance tech", "recover tech", "assessRestoration tech",
            "reinstallInSitu tech", "clientAcceptance tech", "postIncidentReview manager", "offerPrevention manager");
    assertThat(timeline(casePage)).as("the console's timeline").isEqualTo(apiTimeline);
    // the client's report: the same moments, but only the case's start and end and the people's steps, each by name
    List<String> forTheClient = new ArrayList<>();
    for (JsonNode e : incident.get("timeline")) {
      if (List.of("start", "step", "end").contains(e.get("kind").asText())) {
        forTheClient.add(e.get("step").asText() + " " + Instant.parse(e.get("startedAt").asText()));
      }
    }
    assertThat(report.timeline().stream().map(s -> s.activityId() + " " + s.started()).toList()).as("the report's timeline")
        .isEqualTo(forTheClient).contains("reinstallInSitu " + report.timeline().stream()
            .filter(s -> s.activityId().equals("reinstallInSitu")).findFirst().orElseThrow().started());
    assertThat(report.timeline()).extracting(CaseReport.Step::who).doesNotContain("tech", "manager")
        .contains("Tomás Technician", "Marta Manager");
    assertThat(report.timeline()).extracting(CaseReport.Step::activityId).doesNotContain("findSimilarCases", "decideSeverity");

    // when the client accepted: the moment the case recorded while its second acceptance step was completed
    Instant acceptedAt = Instant.parse(incident.get("rto").get("recoveredAt").asText());
    assertThat(acceptedAt).isBetween(acceptances.get(1).getStartTime().toInstant(), acceptances.get(1).getEndTime().toInstant());
    assertThat(Instant.parse(casePage.get("rto").get("recoveredAt").asText())).isEqualTo(acceptedAt);
    assertThat(report.rto().acceptedAt()).isEqualTo(acceptedAt);

    // the outcome: recovered after a restoration
    assertThat(incident.get("outcome").asText()).isEqualTo("restored");
    assertThat(casePage.get("outcome").asText()).isEqualTo("restored");
    assertThat(report.outcome()).isEqualTo("restored");

    // the RTO: 48 h agreed, accepted within them
    assertThat(incident.get("rto").get("status").asText()).isEqualTo("met");
    assertThat(casePage.get("rto").get("status").asText()).isEqualTo("met");
    assertThat(report.rto().status()).isEqualTo("met");
    assertThat(casePage.get("rto").get("usedMinutes")).isEqualTo(incident.get("rto").get("usedMinutes"));

    // the client's rounds: one with problems, then accepted
    assertThat(casePage.get("rounds")).isEqualTo(incident.get("rounds"));
    assertThat(report.rounds()).extracting(CaseReport.Round::outcome).containsExactly("problems", "accepted");
    assertThat(report.rounds().get(0).issues()).isEqualTo("Invoices from October are missing");
    assertThat(casePage.get("rounds")).extracting(r -> r.get("outcome").asText()).containsExactly("problems", "accepted");

    // the same case in both answers, field by field, but what only the console's page adds
    JsonNode sameCase = casePage.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) sameCase).remove(List.of("mails", "report"));
    assertThat(sameCase).isEqualTo(incident);
  }

  private JsonNode get(String user, String path) throws Exception {
    HttpResponse<String> answer = ApiCalls.call(port, user, "GET", path, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /** Each moment as "step who started ended", in the API's order. */
  private static List<String> timeline(JsonNode page) {
    List<String> events = new ArrayList<>();
    for (JsonNode e : page.get("timeline")) {
      events.add(e.get("step").asText() + " " + (e.hasNonNull("by") ? e.get("by").asText() : "null") + " "
          + Instant.parse(e.get("startedAt").asText()) + " " + (e.hasNonNull("endedAt") ? Instant.parse(e.get("endedAt").asText()) : "null"));
    }
    return events;
  }
}
