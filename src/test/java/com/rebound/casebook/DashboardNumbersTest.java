package com.rebound.casebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's numbers for four cases walked through the engine in a week of March 2031 (no other test
 * uses it), against the numbers worked out by hand below: a business-hours client's case recovered late
 * after two acceptance rounds (a breach), a 24x7 client's restoration on time, a case with no viable
 * recovery, and a case still open. The job executor is held so the clocks fire only when the test says.
 */
@ReboundSpringBootTest
class DashboardNumbersTest {

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
  ProcessEngineConfigurationImpl engine;

  @BeforeEach
  void holdTheJobExecutor() {
    engine.getJobExecutor().shutdown();
  }

  @AfterEach
  void realTimeAndJobsAgain() {
    ClockUtil.reset();
    engine.getJobExecutor().start();
  }

  @Test
  void aWeekOfCasesGivesTheNumbersWorkedOutByHand() throws Exception {
    // A: Gestoría López, business hours Mon-Fri 08:00-18:00 Madrid (UTC+1 in early March)
    at(madrid("2031-03-03T09:00"));
    String a = open("gestoria-lopez", "Ledger database corrupted", madrid("2031-03-03T09:00"));
    String caseA = (String) runtime.getVariable(a, "caseNumber");
    at(madrid("2031-03-03T09:30"));   // responded in 30 min
    complete(a, "assessImpact", assessment("major"));
    at(madrid("2031-03-03T10:00"));   // 8 business hours: due Monday 18:00 Madrid
    complete(a, "agreeObjectives", Map.of("rtoHours", 8L, "rpoHours", 4L, "approach", "recover", "agreedWith", "Luisa López"));
    at(madrid("2031-03-03T11:00"));
    complete(a, "recover", Map.of("recoveryOutcome", "done"));
    complete(a, "verifyInternally", Map.of("internalCheckPassed", true, "dataLossHours", 2L, "testInstructions", "Open the ledger"));
    at(madrid("2031-03-03T12:00"));
    complete(a, "clientAcceptance", Map.of("clientAccepted", false, "acceptanceIssues", "March entries missing"));
    at(madrid("2031-03-04T09:00"));   // Tuesday: past the deadline
    fire(a, "Event_RtoWarning");
    fire(a, "Event_RtoBreach");
    complete(a, "handleRtoBreach", Map.of("rtoBreachMessage", "Luisa told: back this morning"));
    complete(a, "recover", Map.of("recoveryOutcome", "done"));
    complete(a, "verifyInternally", Map.of("internalCheckPassed", true, "dataLossHours", 2L, "testInstructions", "Open the ledger"));
    at(madrid("2031-03-04T10:00"));   // accepted at the second round: 25 h after detection, 16 business hours late
    complete(a, "clientAcceptance", Map.of("clientAccepted", true));
    close(a, "accepted");

    // B: Northwind Logistics, 24x7, restored onto a virtual machine within its RTO
    at(utc("2031-03-05T10:00"));
    String b = open("northwind-logistics", "Warehouse server burnt", utc("2031-03-05T09:00"));
    at(utc("2031-03-05T10:10"));
    complete(b, "assessImpact", assessment("total"));
    at(utc("2031-03-05T10:20"));
    complete(b, "agreeObjectives", Map.of("rtoHours", 4L, "rpoHours", 1L, "approach", "restore", "agreedWith", "Emma Clarke"));
    complete(b, "assessRestoration", Map.of("restorationMethod", "virtualMachine", "expectedDataLoss", "Two hours",
        "clientConsented", true, "consentGivenBy", "Emma Clarke"));
    complete(b, "restoreToVm", Map.of("vmDetails", "VM on the backup host"));
    complete(b, "verifyInternally", Map.of("internalCheckPassed", true, "dataLossHours", 2L, "testInstructions", "Ship an order"));
    at(utc("2031-03-05T13:00"));
    complete(b, "clientAcceptance", Map.of("clientAccepted", true));
    close(b, "declined");

    // C: Ladrillos García, no viable recovery
    at(utc("2031-03-06T08:00"));
    String c = open("ladrillos-garcia", "Laptop lost in the flood", utc("2031-03-06T08:00"));
    at(utc("2031-03-06T09:00"));
    complete(c, "assessImpact", assessment("total"));
    at(utc("2031-03-06T09:30"));
    complete(c, "agreeObjectives", Map.of("rtoHours", 48L, "rpoHours", 24L, "approach", "unrecoverable", "agreedWith", "Juan García"));
    complete(c, "informUnrecoverable", Map.of("unrecoverableExplanation", "The disk was under water for two days"));
    close(c, "considering");

    // D: Ladrillos García (business hours too), still open on Friday at noon
    at(utc("2031-03-07T08:00"));
    String d = open("ladrillos-garcia", "Quotes folder deleted", utc("2031-03-07T08:00"));
    at(utc("2031-03-07T08:20"));
    complete(d, "assessImpact", assessment("minor"));
    at(utc("2031-03-07T08:30"));
    complete(d, "agreeObjectives", Map.of("rtoHours", 48L, "rpoHours", 24L, "approach", "recover", "agreedWith", "Juan García"));
    at(utc("2031-03-07T12:00"));

    JsonNode m = JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/metrics?from=2031-03-03&to=2031-03-09", null).body());
    JsonNode t = m.get("totals");
    assertThat(t.get("casesOpened").asInt()).isEqualTo(4);
    assertThat(t.get("casesClosed").asInt()).isEqualTo(3);
    // respond: 30, 10, 60, 20 min -> nearest rank: median 20, p90 60
    assertThat(t.get("timeToRespondMinutes").get("median").asLong()).isEqualTo(20);
    assertThat(t.get("timeToRespondMinutes").get("p90").asLong()).isEqualTo(60);
    // recover (detected to accepted): A 25 h = 1500 min, B 4 h = 240 min
    assertThat(t.get("timeToRecoverMinutes").get("median").asLong()).isEqualTo(240);
    assertThat(t.get("timeToRecoverMinutes").get("p90").asLong()).isEqualTo(1500);
    assertThat(t.get("rtoMetPercent").asDouble()).as("B met, A breached").isEqualTo(50.0);
    assertThat(t.get("rpoMetPercent").asDouble()).as("A lost 2 h of 4, B 2 h of 1").isEqualTo(50.0);
    assertThat(t.get("firstRoundAcceptancePercent").asDouble()).as("B at the first round, A at the second").isEqualTo(50.0);
    assertThat(t.get("roundsPerCase").asDouble()).isEqualTo(1.5);
    assertThat(t.get("restorations").asInt()).isEqualTo(1);
    assertThat(t.get("unrecoverable").asInt()).isEqualTo(1);
    assertThat(t.get("breaches").asInt()).isEqualTo(1);
    assertThat(t.get("rtoWarnings").asInt()).isEqualTo(1);
    assertThat(t.get("preventionAcceptedPercent").asDouble()).as("accepted, declined, considering").isEqualTo(33.3);
    assertThat(m.get("period").get("bucket").asText()).isEqualTo("day");
    Map<String, String> perDay = new HashMap<>();
    m.get("series").forEach(p -> perDay.put(p.get("from").asText(), p.get("opened").asInt() + "/" + p.get("closed").asInt()));
    assertThat(perDay).containsEntry("2031-03-03", "1/0").containsEntry("2031-03-04", "0/1").containsEntry("2031-03-05", "1/1")
        .containsEntry("2031-03-06", "1/1").containsEntry("2031-03-07", "1/0").containsEntry("2031-03-09", "0/0").hasSize(7);

    String caseD = (String) runtime.getVariable(d, "caseNumber");
    JsonNode now = null;
    for (JsonNode open : m.get("now")) {
      if (open.get("caseNumber").asText().equals(caseD)) {
        now = open;
      }
    }
    assertThat(now).as("the open case among the open cases").isNotNull();
    assertThat(now.get("rtoStatus").asText()).isEqualTo("running");
    // 48 business hours (Mon-Fri 08:00-18:00 Madrid) from Friday 09:30 Madrid: 8.5 on Friday, 10 a day Monday to
    // Wednesday, 9.5 on Thursday: due Thursday 17:30 Madrid, 6 days 4.5 hours after Friday 12:00 UTC
    assertThat(Instant.parse(now.get("rtoDeadline").asText())).isEqualTo(madrid("2031-03-13T17:30").toInstant());
    assertThat(now.get("minutesLeft").asLong()).isEqualTo(6 * 1440 + 270);

    JsonNode onlyGestoria = JSON.readTree(ApiCalls.call(port, "manager", "GET",
        "/api/metrics?from=2031-03-03&to=2031-03-09&client=gestoria-lopez", null).body()).get("totals");
    assertThat(onlyGestoria.get("casesOpened").asInt()).isEqualTo(1);
    assertThat(onlyGestoria.get("breaches").asInt()).isEqualTo(1);
    assertThat(onlyGestoria.get("rtoMetPercent").asDouble()).isZero();

    String csv = ApiCalls.call(port, "manager", "GET", "/api/metrics/csv?chart=series&from=2031-03-03&to=2031-03-09", null).body();
    assertThat(csv).startsWith("from,opened,closed,timeToRecoverMedianMinutes,timeToRecoverP90Minutes,rtoMetPercent,breaches\r\n")
        .contains("2031-03-04,0,1,1500,1500,0.0,1\r\n", "2031-03-05,1,1,240,240,100.0,0\r\n");

    // the case list and a case page say the same of A
    JsonNode page = JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseA, null).body());
    assertThat(page.get("rto").get("status").asText()).isEqualTo("breached");
    assertThat(Instant.parse(page.get("rto").get("deadline").asText())).isEqualTo(madrid("2031-03-03T18:00").toInstant());
    assertThat(page.get("rto").get("countsBusinessHours").asBoolean()).isTrue();
    // used from Monday 10:00 to Tuesday 10:00 Madrid in business hours: 8 on Monday, 2 on Tuesday
    assertThat(page.get("rto").get("usedMinutes").asLong()).isEqualTo(600);
    assertThat(page.get("rto").get("breachedByMinutes").asLong()).as("wall clock, from the deadline").isEqualTo(16 * 60);
    assertThat(page.get("acceptanceRounds").asInt()).isEqualTo(2);
    assertThat(page.get("rounds")).hasSize(2);
    assertThat(page.get("rounds").get(0).get("outcome").asText()).isEqualTo("problems");
    assertThat(page.get("outcome").asText()).isEqualTo("recovered");
    assertThat(page.has("mails")).as("mails are for managers").isFalse();
    JsonNode forManager = JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/cases/" + caseA, null).body());
    assertThat(forManager.get("mails")).isNotEmpty();
    JsonNode breached = JSON.readTree(ApiCalls.call(port, "tech", "GET",
        "/api/cases?from=2031-03-01&to=2031-03-31&rto=breached", null).body());
    assertThat(breached.get("total").asInt()).isEqualTo(1);
    assertThat(breached.get("items").get(0).get("caseNumber").asText()).isEqualTo(caseA);
    JsonNode running = JSON.readTree(ApiCalls.call(port, "tech", "GET",
        "/api/cases?from=2031-03-01&to=2031-03-31&rto=running&client=ladrillos-garcia", null).body());
    assertThat(running.get("items").get(0).get("currentSteps").get(0).get("step").asText()).isEqualTo("recover");
    assertThat(running.get("items").get(0).get("currentSteps").get(0).get("candidateGroups").get(0).asText()).isEqualTo("technicians");
  }

  @Test
  void techniciansDoNotSeeTheDashboardAndBadFiltersAreNamed() throws Exception {
    assertThat(ApiCalls.call(port, "tech", "GET", "/api/metrics", null).statusCode()).isEqualTo(403);
    var bad = ApiCalls.call(port, "manager", "GET", "/api/metrics?from=yesterday&severity=SEV9", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(bad.body());
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder("from", "severity");
    var badList = ApiCalls.call(port, "tech", "GET", "/api/cases?rto=late&size=500", null);
    assertThat(badList.statusCode()).isEqualTo(400);
    assertThat(ApiCalls.call(port, "tech", "GET", "/api/cases/DR-1999-0001", null).statusCode()).isEqualTo(404);
  }

  private String open(String client, String summary, Date detected) {
    return runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", client, "reportedBy", "Test",
        "summary", summary, "detectedAt", detected)).getId();
  }

  private static Map<String, Object> assessment(String impact) {
    return Map.of("impactLevel", impact, "usersAffected", 3L, "dataLossSuspected", true, "probableCause", "other",
        "damagedScope", "Server");
  }

  private void close(String instance, String interest) {
    complete(instance, "postIncidentReview", Map.of("rootCause", "Old disk", "lessonsLearned", "Watch the disks"));
    complete(instance, "offerPrevention", Map.of("clientInterest", interest));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).as("the case ended").isZero();
  }

  private void fire(String instance, String timer) {
    Job job = management.createJobQuery().processInstanceId(instance).activityId(timer).singleResult();
    assertThat(job).as(timer).isNotNull();
    management.executeJob(job.getId());
  }

  private void complete(String instance, String step, Map<String, Object> variables) {
    var task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(step).singleResult();
    assertThat(task).as("step " + step).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  private static void at(Date moment) {
    ClockUtil.setCurrentTime(moment);
  }

  private static Date madrid(String local) {
    return Date.from(LocalDateTime.parse(local).atZone(MADRID).toInstant());
  }

  private static Date utc(String instant) {
    return Date.from(Instant.parse(instant + ":00Z"));
  }
}
