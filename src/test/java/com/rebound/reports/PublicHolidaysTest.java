package com.rebound.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import com.rebound.notify.Formats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Public holidays on the clocks: Gestoría López (Madrid; Monday to Friday 08:00-18:00; Spain's and the Community of
 * Madrid's holidays, ES-MD) reports a disaster on Wednesday 30 April 2025 at 17:30. Thursday 1 May is a national
 * holiday, Friday 2 May the Community of Madrid's; then comes the weekend. The 60-minute response clock is due on
 * Monday at 08:30 (not Thursday), the 8-hour RTO agreed at once on Monday at 15:30; the client accepts the recovery on
 * Monday at 10:00, so 2 h 30 min were used (30 min on Wednesday, 2 h on Monday). The objectives mail, the case page,
 * the report and the dashboard all say so.
 */
@ReboundSpringBootTest
class PublicHolidaysTest {

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
  @Autowired
  JdbcTemplate jdbc;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theResponseAndRtoClocksSkipANationalAndAMadridHoliday_andEveryViewAgreesOnTheTimeUsed() throws Exception {
    ClockUtil.setCurrentTime(madrid("2025-04-30T17:30"));
    String instance = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "gestoria-lopez",
        "reportedBy", "Luisa López", "summary", "File server down before the long weekend")).getId();
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    Instant mondayMorning = madrid("2025-05-05T08:30").toInstant();
    assertThat(timer(instance, "Event_ResponseOverdue")).as("the response clock skips Thursday, Friday and the weekend")
        .isEqualTo(mondayMorning);

    complete(instance, "assessImpact", Map.of("impactLevel", "major", "usersAffected", 25L, "dataLossSuspected", false,
        "probableCause", "other", "damagedScope", "File server"));
    complete(instance, "agreeObjectives", Map.of("rtoHours", 8L, "rpoHours", 4L, "approach", "recover",
        "agreedWith", "Luisa López"));
    Instant deadline = madrid("2025-05-05T15:30").toInstant();
    assertThat(timer(instance, "Event_RtoBreach")).as("the RTO clock skips both holidays").isEqualTo(deadline);

    // the mail that gives the client the deadline says how it was counted, holidays included
    String mail = jdbc.queryForObject("SELECT body FROM rebound_outbox WHERE case_number = ? AND kind = 'objectivesAgreed'",
        String.class, caseNumber);
    assertThat(mail).contains(new Formats("es", "Europe/Madrid").dateTime(Date.from(deadline)))
        .contains("de lunes a viernes, de 08:00 a 18:00 (Europe/Madrid)")
        .contains("Los festivos de España (ES-MD) no cuentan.");

    ClockUtil.setCurrentTime(madrid("2025-05-05T10:00"));
    complete(instance, "recover", Map.of("recoveryOutcome", "done", "recoveryNotes", "Disk replaced, shares back"));
    complete(instance, "verifyInternally", Map.of("internalCheckPassed", true));
    complete(instance, "clientAcceptance", Map.of("clientAccepted", true));
    complete(instance, "postIncidentReview", Map.of("rootCause", "Disk failed", "lessonsLearned", "Watch SMART values",
        "wentWell", "The spare disk was at hand"));
    complete(instance, "offerPrevention", Map.of("clientInterest", "considering"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).as("the case is closed").isZero();

    JsonNode casePage = JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/cases/" + caseNumber, null).body()).get("rto");
    assertThat(casePage.get("status").asText()).isEqualTo("met");
    assertThat(Instant.parse(casePage.get("deadline").asText())).isEqualTo(deadline);
    assertThat(casePage.get("usedMinutes").asLong()).as("the case page's time used").isEqualTo(150);
    assertThat(casePage.at("/countedIn/holidays").asText()).isEqualTo("Spain, Madrid (ES-MD)");

    CaseReport report = reports.find(caseNumber).orElseThrow();
    assertThat(report.rto().deadline()).isEqualTo(deadline);
    assertThat(report.rto().usedHours()).as("the report's time used").isEqualTo(2.5);
    assertThat(reportHtml(caseNumber)).contains("2,5 h").contains("de lunes a viernes, de 08:00 a 18:00.")
        .contains("Los festivos de España (ES-MD) no cuentan.");

    JsonNode dashboard = JSON.readTree(ApiCalls.call(port, "manager", "GET",
        "/api/metrics?from=2025-04-28&to=2025-05-05&client=gestoria-lopez", null).body()).get("totals");
    assertThat(dashboard.at("/rtoUsedMinutes/count").asLong()).isEqualTo(1);
    assertThat(dashboard.at("/rtoUsedMinutes/median").asLong()).as("the dashboard's RTO used").isEqualTo(150);
    assertThat(dashboard.get("rtoMetPercent").asLong()).isEqualTo(100);
  }

  @Test
  void aProfileNamingAnUnknownRegionIsRefused_andNothingChanges() throws Exception {
    String before = ApiCalls.call(port, "manager", "GET", "/api/clients/gestoria-lopez", null).body();
    JsonNode client = JSON.readTree(before);
    String changed = before.replace("\"publicHolidays\":\"ES-MD\"", "\"publicHolidays\":\"ES-XX\"");
    assertThat(changed).isNotEqualTo(before);

    HttpResponse<String> refused = ApiCalls.call(port, "manager", "PUT", "/api/clients/gestoria-lopez", changed);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("errors").toString()).contains("businessHours.publicHolidays")
        .contains("ES-MD for Spain and the Community of Madrid");
    assertThat(JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/clients/gestoria-lopez", null).body()))
        .isEqualTo(client);
    assertThat(JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/public-holidays/ES", null).body()).toString())
        .contains("{\"code\":\"ES-MD\",\"description\":\"Spain, Madrid\"}");
  }

  private Instant timer(String instance, String activityId) {
    return management.createJobQuery().processInstanceId(instance).activityId(activityId).singleResult().getDuedate().toInstant();
  }

  private String reportHtml(String caseNumber) throws Exception {
    HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/incidents/" + caseNumber + "/report")).header("Accept", "text/html")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:manager".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(html.statusCode()).isEqualTo(200);
    return html.body();
  }

  private void complete(String instance, String step, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(step).singleResult().getId(), variables);
  }

  private static Date madrid(String local) {
    return Date.from(LocalDateTime.parse(local).atZone(MADRID).toInstant());
  }
}
