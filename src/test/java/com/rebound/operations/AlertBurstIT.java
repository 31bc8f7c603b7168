package com.rebound.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A storm of alerts against Rebound's packaged jar (H2 file, durable commits): 2,000 alerts offered in 10 s by 8
 * senders for 5 outages of 3 clients, half in Alertmanager's format (4 alerts of each outage in one group), half in
 * the generic one. Then the same storm again with a kill -9 in its middle; the senders retry what was not
 * acknowledged, as Alertmanager does. After all: every acknowledged alert is recorded, exactly 5 cases were opened,
 * no answer was an error. Logs in {@code target/it/alert-burst-<time>/}.
 */
class AlertBurstIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[][] OUTAGES = {
      {"northwind-logistics", "alertmanager"}, {"northwind-logistics", "generic"}, {"gestoria-lopez", "alertmanager"},
      {"gestoria-lopez", "generic"}, {"ladrillos-garcia", "alertmanager"}};
  private static final int ALERTS = 2_000;
  private static final int SENDERS = 8;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aStormOfAlertsOpensOneCasePerOutage_andNothingAcknowledgedIsLostToAKill() throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "it", "alert-burst-" + System.currentTimeMillis()));
    ReboundProcess rebound = new ReboundProcess(folder, "--rebound.demo-users=true");
    rebound.start();
    String token = integration(rebound.port());
    StringBuilder figures = new StringBuilder("Alert storm (2,000 alerts, 8 senders, 5 outages of 3 clients, H2 file):\n");

    Storm first = new Storm("first", rebound, token);
    first.run(null);
    figures.append(first.figures());
    assertThat(first.errors.get()).as("error answers: " + first.errorStatuses).isZero();
    assertThat(first.acknowledged).hasSize(ALERTS);

    Storm second = new Storm("second", rebound, token);
    second.run(() -> {
      rebound.kill();
      rebound.start();
    });
    figures.append(second.figures());
    assertThat(second.errors.get()).as("error answers other than a refused connection: " + second.errorStatuses).isZero();
    assertThat(second.acknowledged).hasSize(ALERTS);
    System.out.print(figures);
    Files.writeString(folder.resolve("figures.txt"), figures);

    rebound.terminate(Duration.ofSeconds(45));
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + folder.toAbsolutePath().resolve("data/rebound"), "sa", "");
        Statement sql = db.createStatement()) {
      Set<String> recorded = new HashSet<>();
      try (ResultSet rows = sql.executeQuery("SELECT summary FROM rebound_alert")) {
        while (rows.next()) {
          recorded.add(rows.getString(1));
        }
      }
      assertThat(recorded).as("every acknowledged alert is recorded").containsAll(first.acknowledged).containsAll(second.acknowledged);
      try (ResultSet opened = sql.executeQuery("SELECT COUNT(*), COUNT(DISTINCT process_instance_id) FROM rebound_alert "
          + "WHERE decision = 'opened'")) {
        opened.next();
        assertThat(opened.getInt(1)).as("cases opened by alerts").isEqualTo(OUTAGES.length);
        assertThat(opened.getInt(2)).isEqualTo(OUTAGES.length);
      }
      try (ResultSet cases = sql.executeQuery("SELECT COUNT(*) FROM rebound_case")) {
        cases.next();
        assertThat(cases.getInt(1)).isEqualTo(OUTAGES.length);
      }
    }
  }

  /** One storm: each alert is sent until acknowledged (a refused connection while Rebound restarts is retried). */
  private final class Storm {
    final String name;
    final ReboundProcess rebound;
    final String token;
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final Map<Integer, Integer> errorStatuses = new ConcurrentHashMap<>();
    long millis;
    long acknowledgedInWindow;

    Storm(String name, ReboundProcess rebound, String token) {
      this.name = name;
      this.rebound = rebound;
      this.token = token;
    }

    void run(ThrowingRunnable middle) throws Exception {
      long start = System.nanoTime();
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        senders.submit(() -> {
          for (int i = sender; i < ALERTS; i += SENDERS) {
            // offered evenly over 10 s
            long due = start + TimeUnit.MILLISECONDS.toNanos(i * 10_000L / ALERTS);
            long wait = due - System.nanoTime();
            if (wait > 0) {
              sleep(wait / 1_000_000);
            }
            send(i);
          }
          return null;
        });
      }
      if (middle != null) {
        Thread.sleep(4_000);
        middle.run();
      }
      senders.shutdown();
      assertThat(senders.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
      millis = (System.nanoTime() - start) / 1_000_000;
    }

    private void send(int i) {
      String[] outage = OUTAGES[i % OUTAGES.length];
      String summary = "Storm " + name + " alert #" + i + " of outage " + (i % OUTAGES.length);
      String body = outage[1].equals("generic")
          ? JSON.createObjectNode().put("client", outage[0]).put("key", "outage-" + i % OUTAGES.length).put("severity", "critical")
              .put("summary", summary).put("source", "zabbix").toString()
          : """
              {"version": "4", "groupKey": "{}:{client=\\"%s\\", alertname=\\"ServerDown%d\\"}", "status": "firing",
               "receiver": "rebound", "groupLabels": {}, "commonLabels": {"client": "%s"}, "commonAnnotations": {},
               "externalURL": "http://alertmanager.example", "truncatedAlerts": 0,
               "alerts": [{"status": "firing", "labels": {"alertname": "ServerDown%d", "client": "%s", "severity": "critical",
                 "instance": "srv%d:9100"}, "annotations": {"summary": "%s"}, "startsAt": "%s",
                 "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus.example/graph", "fingerprint": "fp%d-%d"}]}"""
              .formatted(outage[0], i % OUTAGES.length, outage[0], i % OUTAGES.length, outage[0], i % 4, summary,
                  Instant.now().minusSeconds(30), i % OUTAGES.length, i % 4);
      String path = outage[1].equals("generic") ? "/api/alerts" : "/api/alerts/alertmanager";
      for (int attempt = 0; attempt < 600; attempt++) {
        try {
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(rebound.baseUrl() + path))
              .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() == 200) {
            acknowledged.add(summary);
            return;
          }
          if (answer.statusCode() == 503) {
            // stopping or starting: not acknowledged, sent again like Alertmanager does
            refused.incrementAndGet();
          } else {
            errors.incrementAndGet();
            errorStatuses.merge(answer.statusCode(), 1, Integer::sum);
            return;
          }
        } catch (java.io.IOException down) {
          // killed, or not listening yet: not acknowledged, sent again like Alertmanager does
          refused.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        sleep(200);
      }
    }

    String figures() {
      return String.format("  %s storm%s: %d alerts acknowledged in %.1f s (%.0f alerts/s), %d refused while down and sent again,"
              + " %d error answers%n", name, name.equals("second") ? " (kill -9 after 4 s, restart)" : "", acknowledged.size(),
          millis / 1000.0, acknowledged.size() * 1000.0 / millis, refused.get(), errors.get());
    }
  }

  private String integration(int port) throws Exception {
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/integrations"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:manager".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Storm\", \"allClients\": true}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("token").asText();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
