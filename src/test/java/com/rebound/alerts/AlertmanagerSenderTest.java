package com.rebound.alerts;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.AlertmanagerProcess;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real sender: Debian's {@code prometheus-alertmanager} (installed by {@code .ci/run}), started on a free port
 * with a receiver pointing at Rebound with an integration token, is fed two alerts of one outage through its own
 * API, firing then resolved. Alertmanager groups them (by client and alert name) and posts its webhook: one case,
 * both alerts attached, then both noted as back, the case still open and its technicians told.
 */
@ReboundSpringBootTest
class AlertmanagerSenderTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  private AlertmanagerProcess alertmanager;

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @Test
  void alertmanagerOpensOneCaseForAGroup_andItsResolvedNotificationIsNotedNotClosing() throws Exception {
    assertThat(AlertmanagerProcess.BINARY).as("Debian's prometheus-alertmanager is needed for this test: .ci/run installs it "
        + "(apt-get install prometheus-alertmanager)").isExecutable();
    String integration = "Alertmanager " + UUID.randomUUID();
    String token = Alerts.integration(port, integration, null, "client");
    Path folder = Files.createDirectories(Path.of("target", "alertmanager-" + System.currentTimeMillis()));
    alertmanager = AlertmanagerProcess.start(folder, "http://127.0.0.1:" + port, token, "1s");
    String am = alertmanager.url;

    String alertName = "FileServerDown" + UUID.randomUUID().toString().substring(0, 8);
    Instant started = Instant.now().minusSeconds(60);
    assertThat(postAlerts(am, alertName, started, null).statusCode()).isEqualTo(200);

    await("the case opened by Alertmanager's notification", () -> count("opened", alertName) == 1 && attachedCount(alertName) == 2);
    String caseNumber = jdbc.queryForObject("SELECT case_number FROM rebound_alert WHERE alert_name = ? AND decision = 'opened'",
        String.class, alertName);
    JsonNode detail = Alerts.read(ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null));
    assertThat(detail.get("reportedBy").asText()).isEqualTo("Monitoring: " + integration + " (alertmanager)");
    assertThat(detail.get("summary").asText()).startsWith("File server");
    assertThat(detail.get("alerts")).hasSize(2);
    assertThat(detail.get("alerts").get(0).get("link").asText()).startsWith("http://prometheus.example/graph");

    // the outage is over for the monitor: Alertmanager sends the group resolved
    assertThat(postAlerts(am, alertName, started, Instant.now().minusSeconds(1)).statusCode()).isEqualTo(200);
    await("both alerts noted as back", () -> count("resolved", alertName) == 2);

    JsonNode after = Alerts.read(ApiCalls.call(port, "tech", "GET", "/api/incidents/" + caseNumber, null));
    assertThat(after.get("state").asText()).isEqualTo("open");
    assertThat(after.get("alerts")).allSatisfy(alert -> assertThat(alert.get("status").asText()).isEqualTo("resolved"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert WHERE alert_name = ? AND decision = 'opened'", Integer.class,
        alertName)).as("one case for the group").isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox WHERE kind = 'alertResolved' AND case_number = ?",
        Integer.class, caseNumber)).isPositive();
  }

  private HttpResponse<String> postAlerts(String am, String alertName, Instant startsAt, Instant endsAt) throws Exception {
    StringBuilder alerts = new StringBuilder("[");
    for (String server : List.of("fs01", "fs02")) {
      alerts.append(alerts.length() > 1 ? "," : "").append("""
          {"labels": {"alertname": "%s", "client": "northwind-logistics", "severity": "critical", "instance": "%s:9100"},
           "annotations": {"summary": "File server %s does not answer"},
           "startsAt": "%s", %s "generatorURL": "http://prometheus.example/graph?g0.expr=up"}""".formatted(alertName, server, server,
          startsAt, endsAt == null ? "" : "\"endsAt\": \"" + endsAt + "\","));
    }
    alerts.append(']');
    return HTTP.send(HttpRequest.newBuilder(URI.create(am + "/api/v2/alerts")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(alerts.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private int count(String decision, String alertName) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert WHERE alert_name = ? AND decision = ?", Integer.class, alertName,
        decision);
  }

  private int attachedCount(String alertName) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case_alert WHERE alert_name = ?", Integer.class, alertName);
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    // not listening yet: an IOException is asked again
    Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
        .until(condition);
  }

}
