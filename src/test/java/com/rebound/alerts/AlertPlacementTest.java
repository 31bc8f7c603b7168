package com.rebound.alerts;

import static com.rebound.alerts.Alerts.generic;
import static com.rebound.alerts.Alerts.post;
import static com.rebound.alerts.Alerts.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import com.rebound.procedure.ProcedureVariables;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A manager places an alert Rebound could not (its label named no known client) with a client, from the monitoring
 * page: it opens a monitor's case, or joins the client's open case of the same outage. Wrong choices are refused field
 * by field and change nothing; an alert is placed once.
 */
@ReboundSpringBootTest
class AlertPlacementTest {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void anUnmatchedAlertPlacedWithAClientOpensItsCase_theNextOfTheSameOutageJoinsIt() throws Exception {
    String token = Alerts.integration(port, "Central " + UUID.randomUUID(), null, "customer");
    String key = "typo-" + UUID.randomUUID();
    long first = unmatched(token, "northwind", key, "NAS01 does not answer");

    HttpResponse<String> placed = assign(first, "manager", "northwind-logistics");
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    assertThat(read(placed).get("decision").asText()).isEqualTo("opened");
    String caseNumber = read(placed).get("caseNumber").asText();
    ProcessInstance opened = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).singleResult();
    Map<String, Object> variables = runtime.getVariables(opened.getId());
    assertThat(variables).containsEntry(ProcedureVariables.CLIENT_ID, "northwind-logistics")
        .containsEntry(ProcedureVariables.SUMMARY, "NAS01 does not answer")
        .containsEntry(ProcedureVariables.OPENED_BY_MONITOR, true);
    assertThat((String) variables.get(ProcedureVariables.REPORTED_BY)).startsWith("Monitoring: Central");
    Map<String, Object> row = row(first);
    assertThat(row).containsEntry("DECISION", "opened").containsEntry("CLIENT_ID", "northwind-logistics")
        .containsEntry("CASE_NUMBER", caseNumber);
    assertThat((String) row.get("REASON")).contains("placed with client northwind-logistics by manager", "was unmatched");

    // placed once: a second try is refused and changes nothing
    HttpResponse<String> again = assign(first, "manager", "gestoria-lopez");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(read(again).get("detail").asText()).contains("was opened when it came", "Nothing changed");
    assertThat(row(first)).isEqualTo(row);

    // the monitor keeps sending the wrong label: the next alert of the outage, placed, joins the case
    long next = unmatched(token, "northwind", key, "NAS01 still down");
    HttpResponse<String> joined = assign(next, "manager", "northwind-logistics");
    assertThat(read(joined).get("decision").asText()).isEqualTo("attached");
    assertThat(read(joined).get("caseNumber").asText()).isEqualTo(caseNumber);
    assertThat(jdbc.queryForObject("SELECT times_seen FROM rebound_case_alert WHERE alert_key = ?", Integer.class, key)).isEqualTo(2);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).count()).isEqualTo(1);
  }

  @Test
  void wrongPlacementsAreRefusedFieldByField_andNothingChanges() throws Exception {
    String token = Alerts.integration(port, "Scoped " + UUID.randomUUID(), List.of("gestoria-lopez"), "customer");
    long alert = unmatched(token, "gestoria", "scoped-" + UUID.randomUUID(), "Printer server down");
    Map<String, Object> before = row(alert);
    long cases = runtime.createProcessInstanceQuery().count();

    assertThat(assign(alert, "tech", "gestoria-lopez").statusCode()).as("technicians do not place alerts").isEqualTo(403);
    assertRefused(assign(alert, "manager", " "), "clientId", "is required");
    assertRefused(assign(alert, "manager", "talleres-nadie"), "clientId", "no active client 'talleres-nadie'");
    assertRefused(assign(alert, "manager", "northwind-logistics"), "clientId", "reports only for gestoria-lopez");
    HttpResponse<String> missing = assign(999_999_999L, "manager", "gestoria-lopez");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).doesNotContain("Exception", "SQL");

    assertThat(row(alert)).isEqualTo(before);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(cases);
  }

  @Test
  void twoManagersPlacingTheSameAlertAtOnce_oneWins_oneCaseIsOpened() throws Exception {
    String token = Alerts.integration(port, "Race " + UUID.randomUUID(), null, "customer");
    String key = "race-" + UUID.randomUUID();
    long alert = unmatched(token, "ladrillos", key, "Mail server down");

    CompletableFuture<HttpResponse<String>> manager = CompletableFuture.supplyAsync(() -> assignQuietly(alert, "manager", "ladrillos-garcia"));
    CompletableFuture<HttpResponse<String>> admin = CompletableFuture.supplyAsync(() -> assignQuietly(alert, "admin", "gestoria-lopez"));
    List<Integer> statuses = List.of(manager.get().statusCode(), admin.get().statusCode());

    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case_alert WHERE alert_key = ?", Integer.class, key)).isEqualTo(1);
    String caseNumber = (String) row(alert).get("CASE_NUMBER");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).count()).isEqualTo(1);
  }

  /** Posts an alert naming a client Rebound does not know; its id, kept as unmatched. */
  private long unmatched(String token, String label, String key, String summary) throws Exception {
    JsonNode answer = read(post(port, token, "/api/alerts", generic(label, key, "firing", "critical", summary)));
    assertThat(answer.get("decisions").get("unmatched").asInt()).isEqualTo(1);
    return jdbc.queryForObject("SELECT MAX(id) FROM rebound_alert WHERE alert_key = ? AND decision = 'unmatched'", Long.class, key);
  }

  private HttpResponse<String> assign(long alert, String user, String clientId) throws Exception {
    return ApiCalls.call(port, user, "POST", "/api/alerts/" + alert + "/assign",
        Alerts.JSON.createObjectNode().put("clientId", clientId).toString());
  }

  private HttpResponse<String> assignQuietly(long alert, String user, String clientId) {
    try {
      return assign(alert, user, clientId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> row(long alert) {
    return jdbc.queryForMap("SELECT decision, client_id, case_number, process_instance_id, reason FROM rebound_alert WHERE id = ?", alert);
  }

  private static void assertRefused(HttpResponse<String> answer, String field, String reason) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    JsonNode error = read(answer).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo(field);
    assertThat(error.get("reason").asText()).contains(reason);
  }
}
