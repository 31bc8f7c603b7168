package com.rebound.alerts;

import static com.rebound.alerts.Alerts.generic;
import static com.rebound.alerts.Alerts.post;
import static com.rebound.alerts.Alerts.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.EngineRestClient;
import com.rebound.ReboundSpringBootTest;
import com.rebound.notify.MessageKind;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A false alarm is closed before the client hears of it: a monitor's alert opens a case, nothing is written to the
 * client until a technician has looked, and the assessment's "false alarm" closes the case (outcome dismissed) with no
 * mail to the client at all. A case the client reported and that turns out to be a duplicate is closed too, and the
 * client is told why, with the other case's number.
 */
@ReboundSpringBootTest
class FalseAlarmTest {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aMonitorsFalseAlarmIsDismissedBeforeTheClientHearsOfIt() throws Exception {
    String token = Alerts.integration(port, "Zabbix " + UUID.randomUUID(), List.of("northwind-logistics"), "client");
    JsonNode opened = read(post(port, token, "/api/alerts",
        generic("northwind-logistics", "nas-down-" + UUID.randomUUID(), "firing", "critical", "NAS does not answer")));
    String caseNumber = opened.get("openedCases").get(0).asText();
    assertThat(clientMails(caseNumber)).as("nobody has looked yet: nothing to the client").isEmpty();

    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String instance = steps.instanceOf(caseNumber);
    EngineRestClient.Response noReason = steps.tryComplete(instance, "assessImpact", "{\"assessmentOutcome\": {\"value\": \"falseAlarm\"}}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().toString()).contains("dismissalReason is required");
    steps.complete(instance, "assessImpact", """
        {"assessmentOutcome": {"value": "falseAlarm"}, "dismissalReason": {"value": "The NAS rebooted for an update; back in 2 minutes"}}""");

    JsonNode page = read(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseNumber, null));
    assertThat(page.get("state").asText()).isEqualTo("closed");
    assertThat(page.get("outcome").asText()).isEqualTo("dismissed");
    assertThat(clientMails(caseNumber)).as("a false alarm never reaches the client").isEmpty();
  }

  @Test
  void aMonitorsRealDisasterIsAnnouncedOnceConfirmed() throws Exception {
    String token = Alerts.integration(port, "Zabbix " + UUID.randomUUID(), List.of("northwind-logistics"), "client");
    String caseNumber = read(post(port, token, "/api/alerts",
        generic("northwind-logistics", "db-down-" + UUID.randomUUID(), "firing", "critical", "Database down"))).get("openedCases").get(0).asText();
    assertThat(clientMails(caseNumber)).isEmpty();
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    steps.assess(steps.instanceOf(caseNumber), "hardware", "database");
    assertThat(clientMails(caseNumber)).as("announced once a technician confirmed it").containsExactly("caseOpened");
  }

  @Test
  void aReportedDuplicateIsClosed_andTheClientIsToldWhy() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String caseNumber = steps.open("gestoria-lopez", "The printer server is down again");
    assertThat(clientMails(caseNumber)).containsExactly("caseOpened");
    steps.complete(steps.instanceOf(caseNumber), "assessImpact", """
        {"assessmentOutcome": {"value": "duplicate"}, "duplicateOf": {"value": "DR-2026-0007"},
         "dismissalReason": {"value": "Reported a moment ago by another user"}}""");
    assertThat(clientMails(caseNumber)).containsExactly("caseOpened", "caseDismissed");
    String body = jdbc.queryForObject("SELECT body FROM rebound_outbox WHERE case_number = ? AND kind = 'caseDismissed'", String.class,
        caseNumber);
    assertThat(body).contains("Reported a moment ago by another user", "DR-2026-0007");
    assertThat(read(ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null)).get("outcome").asText()).isEqualTo("dismissed");
  }

  private List<String> clientMails(String caseNumber) {
    return jdbc.queryForList("SELECT kind FROM rebound_outbox WHERE case_number = ? ORDER BY id", String.class, caseNumber).stream()
        .filter(kind -> !MessageKind.valueOf(kind).toStaff()).toList();
  }
}
