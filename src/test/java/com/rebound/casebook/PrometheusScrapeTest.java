package com.rebound.casebook;

import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The test of {@code /actuator/prometheus} is a real Prometheus (Debian's {@code prometheus}, installed by
 * {@code .ci/run}) scraping it with the metrics account, with the project's alert rules ({@code docs/prometheus-alerts.yml})
 * loaded; every query of the Grafana dashboard ({@code docs/grafana-dashboard.json}) must be one Prometheus accepts and
 * the meters it charts must exist. Who may read the meters: the metrics account and managers, not technicians; the
 * metrics account reads nothing else.
 */
@ReboundSpringBootTest
class PrometheusScrapeTest {

  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  org.camunda.bpm.engine.TaskService tasks;
  @Autowired
  org.camunda.bpm.engine.ManagementService management;
  private Process prometheus;

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor();
    }
  }

  @Test
  void onlyTheMetricsAccountAndManagersReadTheMeters() throws Exception {
    assertThat(ApiCalls.call(port, "metrics", "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    assertThat(ApiCalls.call(port, "manager", "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    assertThat(ApiCalls.call(port, "tech", "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(403);
    assertThat(ApiCalls.call(port, null, "GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(ApiCalls.call(port, "metrics", "GET", "/api/cases", null).statusCode()).as("the metrics account reads meters only")
        .isEqualTo(403);
    assertThat(ApiCalls.call(port, "metrics", "GET", "/engine-rest/task", null).statusCode()).isEqualTo(403);
    assertThat(ApiCalls.call(port, "metrics", "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theMetersAreTheTextFormat_andCountAKnownSetOfCases() throws Exception {
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("no login").isEqualTo(401);
    HttpResponse<String> scrape = ApiCalls.call(port, "metrics", "GET", "/actuator/prometheus", null);
    assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(scrape.body()).contains("# TYPE rebound_cases_open gauge", "# TYPE rebound_cases_rto_breached gauge");

    Thread.sleep(1_500);   // the meters are counted again at most every second in the tests (rebound.meters.refresh)
    Map<String, Double> before = awaitFreshMeters(Map.of());
    // the known set: a case agreed 10 hours ago with a 4-hour RTO (so breached), and a case not yet assessed (no severity)
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofHours(10))));
    String late;
    try {
      late = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "northwind-logistics", "reportedBy", "Meters test",
          "summary", "Late case")).getId();
      complete(late, Map.of("impactLevel", "total", "usersAffected", 180L, "dataLossSuspected", true, "probableCause", "hardware",
          "damagedScope", "Everything"));
      complete(late, Map.of("rtoHours", 4L, "rpoHours", 1L, "approach", "recover", "agreedWith", "Emma Clarke"));
    } finally {
      ClockUtil.reset();
    }
    // its RTO clocks (warning, breach) are due now: run them here, so the job executor does not change the shared
    // application under a later test
    await("the late case's due clocks run", () -> {
      for (org.camunda.bpm.engine.runtime.Job job : management.createJobQuery().processInstanceId(late)
          .duedateLowerThan(new Date()).listPage(0, 10)) {
        try {
          management.executeJob(job.getId());
        } catch (org.camunda.bpm.engine.ProcessEngineException takenByTheJobExecutor) {
          // the job executor ran it first: the same effect
        }
      }
      return management.createJobQuery().processInstanceId(late).duedateLowerThan(new Date()).count() == 0;
    });
    String severity = (String) runtime.getVariable(late, "severity");
    runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "ladrillos-garcia", "reportedBy", "Meters test",
        "summary", "Unassessed case"));

    Map<String, Double> after = awaitFreshMeters(before);
    assertThat(after.get("breached") - before.get("breached")).as("open cases past their deadline").isEqualTo(1.0);
    assertThat(after.get("open:none") - before.get("open:none")).as("open cases without a severity").isEqualTo(1.0);
    assertThat(after.get("open:" + severity) - before.get("open:" + severity)).as("open " + severity + " cases").isEqualTo(1.0);
  }

  /** Rebound's meters as scraped, once they differ from {@code previous} (counted again at most every second here). */
  private Map<String, Double> awaitFreshMeters(Map<String, Double> previous) throws Exception {
    Map<String, Double>[] last = new Map[1];
    await("the meters counted again", () -> {
      Map<String, Double> values = new java.util.HashMap<>();
      for (String line : ApiCalls.call(port, "metrics", "GET", "/actuator/prometheus", null).body().split("\n")) {
        java.util.regex.Matcher open = java.util.regex.Pattern.compile("^rebound_cases_open\\{.*severity=\"([^\"]+)\".*\\} (\\S+)$")
            .matcher(line);
        if (open.matches()) {
          values.put("open:" + open.group(1), Double.parseDouble(open.group(2)));
        } else if (line.startsWith("rebound_cases_rto_breached")) {
          values.put("breached", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
      }
      last[0] = values;
      return values.containsKey("breached") && !values.equals(previous);
    });
    return last[0];
  }

  private void complete(String instance, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), variables);
  }

  @Test
  void debiansPrometheusScrapesRebound_loadsTheAlertRules_andAnswersEveryDashboardQuery() throws Exception {
    assertThat(PROMETHEUS).as("Debian's prometheus is needed for this test: .ci/run installs it (apt-get install prometheus)")
        .isExecutable();
    // one open SEV-less case at least, so the open-case meter has a value of its own
    runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "northwind-logistics", "reportedBy", "Prometheus test",
        "summary", "Scraped case"));
    Path rules = Path.of("docs", "prometheus-alerts.yml").toAbsolutePath();
    Path folder = Files.createDirectories(Path.of("target", "prometheus-" + System.currentTimeMillis())).toAbsolutePath();
    Path config = folder.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s
        scrape_configs:
          - job_name: rebound
            metrics_path: /actuator/prometheus
            basic_auth:
              username: metrics
              password: metrics
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(rules, port));
    int promPort = freePort();
    prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config, "--storage.tsdb.path=" + folder.resolve("data"),
        "--web.listen-address=127.0.0.1:" + promPort).redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile())
        .start();
    String api = "http://127.0.0.1:" + promPort;
    await("Prometheus ready (see " + folder.resolve("prometheus.log") + ")", () -> get(api + "/-/ready").statusCode() == 200);
    await("the rebound target up", () -> {
      JsonNode targets = JSON.readTree(get(api + "/api/v1/targets").body()).path("data").path("activeTargets");
      return targets.size() == 1 && "up".equals(targets.get(0).path("health").asText());
    });
    await("a scrape with Rebound's meters", () -> !query(api, "rebound_cases_open").isEmpty());

    double open = 0;
    for (JsonNode series : query(api, "rebound_cases_open")) {
      open += series.path("value").get(1).asDouble();
    }
    assertThat(open).as("open cases, all severities").isGreaterThanOrEqualTo(1);
    assertThat(query(api, "rebound_outbox_messages")).extracting(s -> s.path("metric").path("status").asText())
        .contains("pending", "failed");
    for (String meter : new String[] {"rebound_cases_rto_breached", "rebound_cases_rto_warned", "rebound_steps_unclaimed_oldest_seconds",
        "rebound_camunda_incidents_open", "rebound_legal_obligations", "jvm_memory_used_bytes", "hikaricp_connections_active", "http_server_requests_seconds_count"}) {
      await(meter + " scraped", () -> !query(api, meter).isEmpty());   // HTTP timings appear after the first request served
    }

    JsonNode groups = JSON.readTree(get(api + "/api/v1/rules").body()).path("data").path("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).path("rules")).extracting(r -> r.path("name").asText())
        .contains("ReboundOutboxFailing", "ReboundRtoBreached", "ReboundStepUnclaimedTooLong", "ReboundLegalDeadlinePassed");
    await("every alert rule evaluated without error", () -> {
      JsonNode evaluated = JSON.readTree(get(api + "/api/v1/rules").body()).path("data").path("groups").get(0).path("rules");
      for (JsonNode rule : evaluated) {
        if (!"ok".equals(rule.path("health").asText())) {
          return false;
        }
      }
      return true;
    });

    JsonNode dashboard = JSON.readTree(Path.of("docs", "grafana-dashboard.json").toFile());
    assertThat(dashboard.path("panels")).isNotEmpty();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        JsonNode answer = JSON.readTree(get(api + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).body());
        assertThat(answer.path("status").asText()).as(panel.path("title").asText() + ": " + expr).isEqualTo("success");
        // a rate needs two scrapes
        await("data for " + panel.path("title").asText() + ": " + expr, () -> !query(api, expr).isEmpty());
      }
    }
  }

  private static JsonNode query(String api, String expr) throws Exception {
    return JSON.readTree(get(api + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).body())
        .path("data").path("result");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException notYet) {
      return null;
    }
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    // Prometheus not listening yet: a NullPointerException is asked again
    Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .ignoreException(NullPointerException.class).until(condition);
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
