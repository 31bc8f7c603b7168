package com.rebound.alerts;

import static com.rebound.alerts.Alerts.generic;
import static com.rebound.alerts.Alerts.post;
import static com.rebound.alerts.Alerts.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Monitors open and update cases: the generic webhook with an integration's token, one case per outage however many
 * alerts, a resolved alert noted and told but never closing the case, and every alert accounted for.
 */
@ReboundSpringBootTest
class AlertWebhookTest {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aFiringAlertOpensACase_theSameKeyAttaches_resolvedIsNotedAndToldButNeverCloses() throws Exception {
    String token = Alerts.integration(port, "Uptime Kuma " + UUID.randomUUID(), List.of("northwind-logistics"), "client");
    String key = "fs01-down-" + UUID.randomUUID();

    HttpResponse<String> first = post(port, token, "/api/alerts",
        generic("northwind-logistics", key, "firing", "critical", "FS01 does not answer ping"));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode outcome = read(first);
    assertThat(outcome.get("decisions").get("opened").asInt()).isEqualTo(1);
    String caseNumber = outcome.get("openedCases").get(0).asText();
    assertThat(caseNumber).matches("DR-\\d{4}-\\d{4,}");

    JsonNode again = read(post(port, token, "/api/alerts", generic("northwind-logistics", key, "firing", "critical", "FS01 still down")));
    assertThat(again.get("decisions").get("attached").asInt()).isEqualTo(1);
    assertThat(again.get("openedCases")).isEmpty();

    JsonNode resolved = read(post(port, token, "/api/alerts", generic("northwind-logistics", key, "resolved", "critical", null)));
    assertThat(resolved.get("decisions").get("resolved").asInt()).isEqualTo(1);

    JsonNode detail = read(ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null));
    assertThat(detail.get("state").asText()).as("a resolved alert never closes the case").isEqualTo("open");
    assertThat(detail.get("reportedBy").asText()).startsWith("Monitoring: Uptime Kuma").endsWith("(uptime-kuma)");
    assertThat(detail.get("summary").asText()).isEqualTo("FS01 does not answer ping");
    JsonNode alert = detail.get("alerts").get(0);
    assertThat(detail.get("alerts")).hasSize(1);
    assertThat(alert.get("timesSeen").asInt()).isEqualTo(3);
    assertThat(alert.get("status").asText()).isEqualTo("resolved");
    assertThat(alert.get("openedTheCase").asBoolean()).isTrue();
    assertThat(alert.get("link").asText()).isEqualTo("https://monitor.example/d/" + key);
    assertThat(alert.get("firstSeen").asText()).isNotEqualTo(alert.get("lastSeen").asText());

    // the technicians holding the case (its unclaimed step's group) are told the monitor says it is back
    List<String> told = jdbc.queryForList("SELECT subject FROM rebound_outbox WHERE kind = 'alertResolved' AND case_number = ?",
        String.class, caseNumber);
    assertThat(told).hasSize(1);
    assertThat(told.get(0)).contains(caseNumber, "The monitor says it is back");
    // a flapping alert, or a storm's hundreds of resolved alerts of one case: one mail in the window, every one on the case
    post(port, token, "/api/alerts", generic("northwind-logistics", key, "firing", "critical", "FS01 down again"));
    JsonNode resolvedAgain = read(post(port, token, "/api/alerts", generic("northwind-logistics", key, "resolved", "critical", null)));
    assertThat(resolvedAgain.get("decisions").get("resolved").asInt()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox WHERE kind = 'alertResolved' AND case_number = ?",
        Integer.class, caseNumber)).as("one resolved mail per case in " + AlertIntake.RESOLVED_MAIL_WINDOW).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert WHERE case_number = ? AND decision = 'resolved'",
        Integer.class, caseNumber)).as("each resolved alert recorded").isEqualTo(2);
    // and the report shows what the monitors saw
    HttpResponse<String> report = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/incidents/" + caseNumber + "/report")).header("Accept", "text/html")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("manager:manager".getBytes())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(report.body()).contains("What the monitors saw", "FS01 does not answer ping");
  }

  @Test
  void aStormOf500AlertsForOneOutageOpensOneCase() throws Exception {
    String token = Alerts.integration(port, "Storm " + UUID.randomUUID(), null, "client");
    String key = "storm-" + UUID.randomUUID();
    long casesBefore = history.createHistoricProcessInstanceQuery().count();
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String body = generic("gestoria-lopez", key, "firing", "critical", "Share \\\\FS01\\datos is gone (" + i + ")");
      answers.add(senders.submit(() -> post(port, token, "/api/alerts", body)));
    }
    Set<Integer> statuses = new java.util.HashSet<>();
    List<String> opened = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      statuses.add(response.statusCode());
      read(response).get("openedCases").forEach(c -> opened.add(c.asText()));
    }
    senders.shutdown();

    assertThat(statuses).containsExactly(200);
    assertThat(opened).hasSize(1);
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(casesBefore + 1);
    assertThat(jdbc.queryForObject("SELECT times_seen FROM rebound_case_alert WHERE alert_key = ?", Integer.class, key)).isEqualTo(500);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert WHERE alert_key = ?", Integer.class, key)).isEqualTo(500);
  }

  @Test
  void tokensOpenOnlyTheAlertDoorForTheirClients() throws Exception {
    String name = "Garcia RMM " + UUID.randomUUID();
    String token = Alerts.integration(port, name, List.of("ladrillos-garcia"), "client");
    long alerts = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert", Long.class);
    long cases = history.createHistoricProcessInstanceQuery().count();

    HttpResponse<String> none = post(port, null, "/api/alerts", generic("ladrillos-garcia", "k1", "firing", "critical", "x"));
    HttpResponse<String> wrong = post(port, "rbi_" + "x".repeat(43), "/api/alerts", generic("ladrillos-garcia", "k1", "firing", "critical", "x"));
    HttpResponse<String> otherClient = post(port, token, "/api/alerts", generic("northwind-logistics", "k1", "firing", "critical", "x"));
    HttpResponse<String> engineRest = get(token, "/engine-rest/task?maxResults=1");
    HttpResponse<String> incidents = get(token, "/api/incidents");
    HttpResponse<String> ledger = get(token, "/api/alerts");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(read(none).get("type").asText()).isEqualTo("urn:rebound:problem:unauthorized");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(read(wrong).get("detail").asText()).contains("unknown or was revoked");
    assertThat(otherClient.statusCode()).isEqualTo(403);
    assertThat(read(otherClient).get("detail").asText()).contains(name, "northwind-logistics", "Nothing of this request was recorded");
    assertThat(engineRest.statusCode()).isEqualTo(401);
    assertThat(incidents.statusCode()).isEqualTo(401);
    assertThat(ledger.statusCode()).isEqualTo(401);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert", Long.class)).isEqualTo(alerts);
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(cases);

    // the integration's one client need not be named; the token hint is all a list shows
    JsonNode unnamed = read(post(port, token, "/api/alerts", """
        {"key": "garcia-nas-%s", "summary": "NAS01 volume degraded", "severity": "critical"}""".formatted(UUID.randomUUID())));
    assertThat(unnamed.get("decisions").get("opened").asInt()).isEqualTo(1);
    JsonNode listed = read(ApiCalls.call(port, "manager", "GET", "/api/integrations", null));
    JsonNode mine = null;
    for (JsonNode integration : listed) {
      if (integration.get("name").asText().equals(name)) {
        mine = integration;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.toString()).doesNotContain(token);
    assertThat(mine.get("tokenHint").asText()).isEqualTo(token.substring(0, 8) + "…");
    assertThat(mine.get("lastUsedAt").isNull()).isFalse();
    assertThat(ApiCalls.call(port, "tech", "GET", "/api/integrations", null).statusCode()).isEqualTo(403);
    assertThat(ApiCalls.call(port, "tech", "POST", "/api/integrations", "{\"name\": \"mine\", \"allClients\": true}").statusCode())
        .isEqualTo(403);

    // revoked: refused at once
    HttpResponse<String> revoked = ApiCalls.call(port, "manager", "DELETE", "/api/integrations/" + mine.get("id").asText(), null);
    assertThat(read(revoked).get("state").asText()).isEqualTo("revoked");
    assertThat(post(port, token, "/api/alerts", generic("ladrillos-garcia", "k2", "firing", "critical", "x")).statusCode()).isEqualTo(401);
    assertThat(ApiCalls.call(port, "manager", "DELETE", "/api/integrations/" + mine.get("id").asText(), null).statusCode())
        .isEqualTo(409);
  }

  @Test
  void alertmanagersHeartbeatNamingNoClientIsIgnored_notKeptForManagersAsUnmatched() throws Exception {
    String token = Alerts.integration(port, "Alertmanager " + UUID.randomUUID(), null, "client");
    String group = "{}:{alertname=\"Watchdog\"}" + UUID.randomUUID();
    String body = Alerts.JSON.createObjectNode().put("version", "4").put("groupKey", group).put("status", "firing").put("receiver", "rebound")
        .set("alerts", Alerts.JSON.createArrayNode().add(Alerts.JSON.createObjectNode().put("status", "firing")
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("labels", Alerts.JSON.createObjectNode().put("alertname", "Watchdog")
                .put("severity", "none"))
            .put("startsAt", "2026-12-06T10:00:00Z").put("endsAt", "0001-01-01T00:00:00Z").put("fingerprint", "w1"))).toString();
    HttpResponse<String> answer = post(port, token, "/api/alerts/alertmanager", body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(read(answer).get("decisions").get("ignored").asInt()).isEqualTo(1);
    assertThat(read(answer).get("decisions").has("unmatched")).isFalse();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert WHERE alert_name = 'Watchdog' AND decision = 'unmatched'",
        Integer.class)).isZero();
  }

  @Test
  void anAlertForAnUnknownClientIsKeptAsUnmatchedAndShownToManagers() throws Exception {
    String token = Alerts.integration(port, "Central " + UUID.randomUUID(), null, "customer");
    String key = "unknown-" + UUID.randomUUID();
    JsonNode answer = read(post(port, token, "/api/alerts", generic("talleres-nadie", key, "firing", "critical", "Router down")));
    assertThat(answer.get("decisions").get("unmatched").asInt()).isEqualTo(1);

    JsonNode unmatched = read(ApiCalls.call(port, "manager", "GET", "/api/alerts?decision=unmatched", null));
    JsonNode kept = null;
    for (JsonNode item : unmatched.get("items")) {
      if (item.get("key").asText().equals(key)) {
        kept = item;
      }
    }
    assertThat(kept).isNotNull();
    assertThat(kept.get("clientLabelValue").asText()).isEqualTo("talleres-nadie");
    assertThat(kept.get("reason").asText()).contains("no active client 'talleres-nadie'", "label 'customer'");
    assertThat(unmatched.get("counts").get("unmatched").asLong()).isPositive();
    assertThat(ApiCalls.call(port, "tech", "GET", "/api/alerts?decision=unmatched", null).statusCode()).isEqualTo(403);
    HttpResponse<String> badDecision = ApiCalls.call(port, "manager", "GET", "/api/alerts?decision=maybe", null);
    assertThat(badDecision.statusCode()).isEqualTo(400);
    assertThat(read(badDecision).get("errors").get(0).get("field").asText()).isEqualTo("decision");
  }

  @Test
  void badAlertsAreRefusedFieldByFieldAndNothingIsKept() throws Exception {
    String token = Alerts.integration(port, "Bad input " + UUID.randomUUID(), null, "client");
    long alerts = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert", Long.class);

    HttpResponse<String> notJson = post(port, token, "/api/alerts", "{\"key\": ");
    HttpResponse<String> missing = post(port, token, "/api/alerts", "{\"status\": \"burning\", \"link\": \"javascript:alert(1)\"}");
    HttpResponse<String> badDate = post(port, token, "/api/alerts", """
        {"key": "k", "summary": "s", "client": "gestoria-lopez", "startedAt": "yesterday"}""");
    HttpResponse<String> badType = post(port, token, "/api/alerts", """
        {"key": "k", "summary": "s", "client": ["gestoria-lopez"]}""");
    HttpResponse<String> huge = post(port, token, "/api/alerts", """
        {"key": "k", "summary": "%s"}""".formatted("x".repeat(1_100_000)));

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(read(notJson).get("type").asText()).isEqualTo("urn:rebound:problem:invalid-json");
    assertThat(read(notJson).get("detail").asText()).contains("not valid JSON", "line 1");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(fields(missing)).containsExactlyInAnyOrder("key", "status", "link");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(fields(badDate)).containsExactly("startedAt");
    assertThat(badDate.body()).contains("'yesterday' is not valid: must be a date and time");
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(fields(badType)).containsExactly("client");
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(read(huge).get("detail").asText()).contains("at most 1 MB");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert", Long.class)).isEqualTo(alerts);
  }

  @Test
  void theTriageTableDecidesWhichAlertsOpenACase_andAManagerChangesItInModeler() throws Exception {
    String token = Alerts.integration(port, "Triage " + UUID.randomUUID(), null, "client");
    String suffix = UUID.randomUUID().toString();
    JsonNode info = read(post(port, token, "/api/alerts", generic("ladrillos-garcia", "info-" + suffix, "firing", "info", "Disk 71%")));
    JsonNode warningAtBasic = read(post(port, token, "/api/alerts",
        generic("ladrillos-garcia", "warn-" + suffix, "firing", "warning", "Backup job late")));
    JsonNode warningAtHigh = read(post(port, token, "/api/alerts",
        generic("gestoria-lopez", "warn-" + suffix, "firing", "warning", "Backup job late")));
    assertThat(info.get("decisions").has("ignored")).isTrue();
    assertThat(warningAtBasic.get("decisions").has("held")).as("a warning at a basic client attaches only").isTrue();
    assertThat(warningAtHigh.get("decisions").has("opened")).as("a warning at a high-tier client opens a case").isTrue();
    assertThat(jdbc.queryForObject("SELECT reason FROM rebound_alert WHERE alert_key = ? AND client_id = 'ladrillos-garcia'",
        String.class, "warn-" + suffix)).contains("alert-triage.dmn: attach", "does not open one");

    java.nio.file.Path file = java.nio.file.Path.of("bpmn", "alert-triage.dmn");
    String original = java.nio.file.Files.readString(file);
    try {
      // the manager decides that a warning opens a case at every client, in Modeler, and deploys
      String changed = original.replace("<text>\"attach\"</text>", "<text>\"open\"</text>");
      assertThat(changed).isNotEqualTo(original);
      assertThat(deploy(changed).statusCode()).isEqualTo(200);
      JsonNode nowOpens = read(post(port, token, "/api/alerts",
          generic("ladrillos-garcia", "warn2-" + suffix, "firing", "warning", "Backup job late again")));
      assertThat(nowOpens.get("decisions").has("opened")).isTrue();
    } finally {
      assertThat(deploy(original).statusCode()).isEqualTo(200);
    }
    JsonNode heldAgain = read(post(port, token, "/api/alerts",
        generic("ladrillos-garcia", "warn3-" + suffix, "firing", "warning", "Backup job late once more")));
    assertThat(heldAgain.get("decisions").has("held")).isTrue();
  }

  @Test
  void everyReboundApiAnswersProblemDetailsNamingTheFields() throws Exception {
    HttpResponse<String> badDate = ApiCalls.call(port, "tech", "POST", "/api/incidents", """
        {"clientId": "gestoria-lopez", "summary": "x", "reportedBy": "y", "detectedAt": "yesterday"}""");
    HttpResponse<String> badType = ApiCalls.call(port, "tech", "POST", "/api/incidents", """
        {"clientId": ["a"], "summary": "x", "reportedBy": "y"}""");
    HttpResponse<String> noCase = ApiCalls.call(port, "tech", "GET", "/api/incidents/DR-1999-0001", null);
    HttpResponse<String> noClient = ApiCalls.call(port, "manager", "GET", "/api/clients/nobody-here", null);
    HttpResponse<String> outbox = ApiCalls.call(port, "manager", "GET", "/api/outbox?status=LOST", null);
    HttpResponse<String> backups = ApiCalls.call(port, "tech", "GET", "/api/admin/backups", null);
    HttpResponse<String> anonymous = ApiCalls.call(port, "nobody", "GET", "/api/clients", null);
    HttpResponse<String> noSuchDoor = ApiCalls.call(port, "tech", "GET", "/api/no-such-door", null);
    HttpResponse<String> wrongMethod = ApiCalls.call(port, "tech", "PATCH", "/api/incidents", "{}");
    HttpResponse<String> engineRest = ApiCalls.call(port, "tech", "GET", "/engine-rest/task/no-such-task", null);

    for (HttpResponse<String> problem : List.of(badDate, badType, noCase, noClient, outbox, backups, anonymous, noSuchDoor,
        wrongMethod)) {
      assertThat(problem.headers().firstValue("Content-Type")).as(problem.uri() + " " + problem.body())
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      JsonNode body = read(problem);
      assertThat(body.get("status").asInt()).isEqualTo(problem.statusCode());
      assertThat(body.get("type").asText()).startsWith("urn:rebound:problem:");
      assertThat(body.get("title").asText()).isNotBlank();
      assertThat(body.get("detail").asText()).isNotBlank();
      assertThat(problem.body()).doesNotContain("Exception", "at com.", "SQL");
    }
    assertThat(fields(badDate)).containsExactly("detectedAt");
    assertThat(fields(badType)).containsExactly("clientId");
    assertThat(read(badType).get("errors").get(0).get("reason").asText()).isEqualTo("must be text");
    assertThat(noCase.statusCode()).isEqualTo(404);
    assertThat(noClient.statusCode()).isEqualTo(404);
    assertThat(fields(outbox)).containsExactly("status");
    assertThat(backups.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(noSuchDoor.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    // Camunda's REST API keeps its own shape
    assertThat(engineRest.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem");
    assertThat(read(engineRest).has("message")).isTrue();
  }

  private static List<String> fields(HttpResponse<String> response) throws Exception {
    List<String> fields = new ArrayList<>();
    read(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  private HttpResponse<String> get(String token, String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> deploy(String dmn) throws Exception {
    String boundary = "----rebound" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nalert-triage\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"alert-triage.dmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + dmn + "\r\n--" + boundary + "--\r\n";
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("manager:manager".getBytes()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
