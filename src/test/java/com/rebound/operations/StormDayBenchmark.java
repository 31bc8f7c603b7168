package com.rebound.operations;

import com.rebound.ReboundProcess;
import com.rebound.CaseLoad;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: a regional flood's day on one node. The packaged jar on a fresh H2 file (full compiler), 50 clients,
 * 200 open cases; then for {@code benchmark.seconds} (180): 30 technicians each asking Tasklist's queue the way
 * Tasklist does (the "Technicians' queue" filter's first 15 tasks with the card's variables) every 10 s and taking and
 * completing a step of it every 1–2 minutes, 2 managers asking the dashboard every 30 s, and in the middle a burst of
 * 500 alerts of 25 outages in 10 s through the generic webhook. Prints p50 / p95 / p99 / max of each kind of request,
 * every answer that was an error, and Rebound's CPU time. Goals: queue and completion p95 ≤ 300 ms, dashboard ≤ 500 ms,
 * no error answer. {@code -Dbenchmark.database=postgres}: the same on a PostgreSQL the benchmark starts (Debian's, as the tests
 * do). Run by hand after {@code ./mvnw -B verify -DskipTests}:
 * {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) -Drebound.jar=target/rebound-0.1.0-SNAPSHOT.jar
 * com.rebound.operations.StormDayBenchmark}.
 */
public final class StormDayBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int CLIENTS = 50;
  private static final int OPEN_CASES = 200;
  private static final int TECHNICIANS = 30;
  private static final int MANAGERS = 2;
  private static final int ALERTS = 500;

  private final String base;
  private final Map<String, ConcurrentLinkedQueue<Long>> times = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
  private final AtomicInteger taken = new AtomicInteger();

  private StormDayBenchmark(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("benchmark.seconds", 180);
    Path folder = Files.createTempDirectory("rebound-storm-day");
    boolean postgres = "postgres".equals(System.getProperty("benchmark.database"));
    List<String> arguments = new ArrayList<>(List.of("--rebound.demo-users=true"));
    if (postgres) {
      com.rebound.database.PostgresServer server = com.rebound.database.PostgresServer.shared();
      arguments.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + server.createDatabase("rebound_storm_day"),
          "--spring.datasource.username=" + com.rebound.database.PostgresServer.USER,
          "--spring.datasource.password=" + com.rebound.database.PostgresServer.PASSWORD));
    }
    ReboundProcess rebound = ReboundProcess.ofJar(folder, List.of(), arguments.toArray(String[]::new));
    rebound.start();
    try {
      StormDayBenchmark day = new StormDayBenchmark(rebound.baseUrl());
      long setUp = System.nanoTime();
      List<String> clients = day.clients();
      day.technicians();
      day.openCases(clients);
      String token = day.integration();
      System.out.printf("set up in %.0f s: %d clients, %d technicians, %d open cases%n", (System.nanoTime() - setUp) / 1e9, clients.size(),
          TECHNICIANS, OPEN_CASES);
      day.times.clear();
      day.errors.clear();
      if (postgres) {
        slowest(null);
      }
      java.time.Duration cpuBefore = rebound.cpu();
      day.run(seconds, clients, token);
      java.time.Duration cpu = rebound.cpu().minus(cpuBefore);
      day.print(seconds, cpu, postgres ? "PostgreSQL" : "H2 file");
      if (postgres) {
        slowest(System.out);
      }
    } finally {
      rebound.terminate(Duration.ofSeconds(45));
    }
  }

  /** PostgreSQL's statements of the run by total time (pg_stat_statements, which the test server preloads); null: reset. */
  private static void slowest(java.io.PrintStream out) throws java.sql.SQLException {
    com.rebound.database.PostgresServer server = com.rebound.database.PostgresServer.shared();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(server.url("postgres"), com.rebound.database.PostgresServer.USER,
        com.rebound.database.PostgresServer.PASSWORD); java.sql.Statement sql = db.createStatement()) {
      sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      if (out == null) {
        sql.execute("SELECT pg_stat_statements_reset()");
        return;
      }
      out.println("  PostgreSQL's statements by total time (ms in all, calls, mean ms):");
      try (java.sql.ResultSet top = sql.executeQuery("SELECT s.total_exec_time, s.calls, s.mean_exec_time, "
          + "LEFT(REGEXP_REPLACE(s.query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
          + "WHERE d.datname LIKE 'rebound_storm_day%' ORDER BY s.total_exec_time DESC LIMIT 8")) {
        while (top.next()) {
          out.printf("  %8.0f %6d %7.2f  %s%n", top.getDouble(1), top.getLong(2), top.getDouble(3), top.getString(4));
        }
      }
    }
  }

  private void run(int seconds, List<String> clients, String token) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String queue = filterId("Technicians' queue");
    ExecutorService people = Executors.newFixedThreadPool(TECHNICIANS + MANAGERS + 8);
    for (int t = 1; t <= TECHNICIANS; t++) {
      String user = String.format("stormtech%02d", t);
      SplittableRandom random = new SplittableRandom(t);
      people.submit(() -> {
        // not all at the same second, as people open Tasklist at different moments
        sleep(random.nextLong(10_000));
        long nextStep = System.nanoTime() + TimeUnit.SECONDS.toNanos(random.nextLong(15, 120));
        while (System.nanoTime() < end) {
          JsonNode tasks = queue(user, queue);
          if (tasks != null && System.nanoTime() > nextStep) {
            takeAStep(user, tasks, random);
            nextStep = System.nanoTime() + TimeUnit.SECONDS.toNanos(random.nextLong(60, 121));
          }
          sleep(10_000);
        }
        return null;
      });
    }
    for (int m = 0; m < MANAGERS; m++) {
      long offset = m * 15_000L;
      people.submit(() -> {
        sleep(offset);
        while (System.nanoTime() < end) {
          timed("dashboard", "manager", "GET", "/api/metrics", null);
          sleep(30_000);
        }
        return null;
      });
    }
    sleep(seconds * 500L);
    System.out.println("the alert burst starts");
    List<Runnable> burst = new ArrayList<>();
    long burstStart = System.nanoTime();
    for (int s = 0; s < 8; s++) {
      int sender = s;
      burst.add(() -> {
        for (int i = sender; i < ALERTS; i += 8) {
          long due = burstStart + TimeUnit.MILLISECONDS.toNanos(i * 10_000L / ALERTS);
          sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
          int outage = i % 25;
          String body = JSON.createObjectNode().put("client", clients.get(outage * 2)).put("key", "flood-" + outage)
              .put("severity", "critical").put("summary", "Site " + outage + " under water (#" + i + ")").put("source", "zabbix").toString();
          timed("alert", "Bearer " + token, "POST", "/api/alerts", body);
        }
      });
    }
    burst.forEach(people::submit);
    people.shutdown();
    people.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
  }

  /** Takes the first unassigned task of the queue (claim, complete with the step's fields); a task taken meanwhile is skipped. */
  private void takeAStep(String user, JsonNode tasks, SplittableRandom random) {
    JsonNode list = tasks.path("_embedded").path("task");
    List<JsonNode> free = new ArrayList<>();
    list.forEach(task -> {
      if (task.path("assignee").isNull() || task.path("assignee").isMissingNode()) {
        free.add(task);
      }
    });
    if (free.isEmpty()) {
      return;
    }
    JsonNode task = free.get(random.nextInt(free.size()));
    String variables = CaseLoad.HAPPY_PATH.get(task.get("taskDefinitionKey").asText());
    if (variables == null) {
      return;
    }
    String id = task.get("id").asText();
    HttpResponse<String> claim = call(user, "POST", "/engine-rest/task/" + id + "/claim", "{\"userId\": \"" + user + "\"}");
    if (claim.statusCode() != 204) {
      // another technician took it first: what Tasklist shows too
      count("claim " + claim.statusCode());
      return;
    }
    timed("completion", user, "POST", "/engine-rest/task/" + id + "/complete", "{\"variables\": " + variables + "}");
    taken.incrementAndGet();
  }

  private JsonNode queue(String user, String filter) {
    long start = System.nanoTime();
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/filter/" + filter
        + "/list?firstResult=0&maxResults=15")).header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .header("Authorization", basic(user)).POST(HttpRequest.BodyPublishers.ofString("{}")));
    record("queue", start, answer);
    try {
      return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private void timed(String kind, String user, String method, String path, String body) {
    long start = System.nanoTime();
    record(kind, start, call(user, method, path, body));
  }

  private void record(String kind, long start, HttpResponse<String> answer) {
    times.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
    if (answer.statusCode() >= 400) {
      count(kind + " " + answer.statusCode());
    }
  }

  private void count(String what) {
    errors.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  private void print(int seconds, java.time.Duration cpu, String database) {
    System.out.printf("%nStorm day (%d s, %s, one node on this machine): %d technicians, %d managers, %d open cases of %d clients, "
        + "%d alerts in 10 s in the middle%n", seconds, database, TECHNICIANS, MANAGERS, OPEN_CASES, CLIENTS, ALERTS);
    for (Map.Entry<String, ConcurrentLinkedQueue<Long>> kind : new TreeMap<>(times).entrySet()) {
      long[] nanos = kind.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("  %-10s %5d requests: p50 %4d / p95 %4d / p99 %4d / max %5d ms%n", kind.getKey(), nanos.length, ms(nanos, 0.50),
          ms(nanos, 0.95), ms(nanos, 0.99), nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1_000_000);
    }
    System.out.printf("  steps taken: %d; answers other than success: %s; Rebound's CPU: %.1f s (%.0f%% of one core)%n", taken.get(),
        errors.isEmpty() ? "none" : new TreeMap<>(errors), cpu.toMillis() / 1000.0, cpu.toMillis() / 10.0 / seconds);
  }

  private static long ms(long[] sorted, double part) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(part * sorted.length) - 1)] / 1_000_000;
  }

  private List<String> clients() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int c = 1; c <= CLIENTS; c++) {
      String id = String.format("flood-client-%02d", c);
      HttpResponse<String> created = call("manager", "POST", "/api/clients", """
          {"id": "%s", "name": "Flooded client %d", "sector": "Retail", "userCount": 12, "criticalityTier": "%s",
           "responseTimeMinutes": 60, "rtoHours": 8, "rpoHours": 24,
           "businessHours": {"days": "MON,TUE,WED,THU,FRI", "start": "08:00", "end": "18:00", "timeZone": "Europe/Madrid",
                             "onlyDuringBusinessHours": false},
           "preferredLanguage": "es",
           "contacts": [{"name": "Contact %d", "email": "contact%d@flood.example", "role": "Manager", "agreesObjectives": true}],
           "protections": ["backup"]}""".formatted(id, c, c % 5 == 0 ? "critical" : "standard", c, c));
      check(created, 201);
      ids.add(id);
    }
    return ids;
  }

  private void technicians() {
    for (int t = 1; t <= TECHNICIANS; t++) {
      String user = String.format("stormtech%02d", t);
      check(call("admin", "POST", "/engine-rest/user/create", """
          {"profile": {"id": "%s", "firstName": "Technician", "lastName": "%d", "email": "%s@provider.example"},
           "credentials": {"password": "%s"}}""".formatted(user, t, user, user)), 204);
      check(call("admin", "PUT", "/engine-rest/group/technicians/members/" + user, null), 204);
    }
  }

  /** 200 cases opened by technicians, spread over the first steps. */
  private void openCases(List<String> clients) throws Exception {
    for (int i = 0; i < OPEN_CASES; i++) {
      String user = String.format("stormtech%02d", i % TECHNICIANS + 1);
      HttpResponse<String> started = call(user, "POST", "/engine-rest/process-definition/key/disasterRecovery/start", """
          {"variables": {"clientId": {"value": "%s"}, "reportedBy": {"value": "phone"}, "summary": {"value": "Flood case %d"}}}"""
          .formatted(clients.get(i % CLIENTS), i));
      check(started, 200);
      String instance = JSON.readTree(started.body()).get("id").asText();
      for (String step : List.of("assessImpact", "agreeObjectives", "recover").subList(0, i % 4)) {
        JsonNode task = JSON.readTree(call(user, "GET", "/engine-rest/task?maxResults=10&processInstanceId=" + instance + "&taskDefinitionKey=" + step,
            null).body()).get(0);
        if (task == null) {
          throw new IllegalStateException("no " + step + " task of case " + i + "; its tasks: "
              + call("admin", "GET", "/engine-rest/task?maxResults=10&processInstanceId=" + instance, null).body());
        }
        check(call(user, "POST", "/engine-rest/task/" + task.get("id").asText() + "/claim", "{\"userId\": \"" + user + "\"}"), 204);
        check(call(user, "POST", "/engine-rest/task/" + task.get("id").asText() + "/complete", "{\"variables\": "
            + CaseLoad.HAPPY_PATH.get(step) + "}"), 204);
      }
    }
  }

  private String integration() throws Exception {
    HttpResponse<String> created = call("manager", "POST", "/api/integrations", "{\"name\": \"Flood monitor\", \"allClients\": true}");
    check(created, 201);
    return JSON.readTree(created.body()).get("token").asText();
  }

  private String filterId(String name) throws Exception {
    HttpResponse<String> found = call("stormtech01", "GET", "/engine-rest/filter?maxResults=10&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
        null);
    check(found, 200);
    return JSON.readTree(found.body()).get(0).get("id").asText();
  }

  private HttpResponse<String> call(String user, String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", user.startsWith("Bearer ") ? user : basic(user)).header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static void check(HttpResponse<String> answer, int expected) {
    if (answer.statusCode() != expected) {
      throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered " + answer.statusCode() + ": "
          + answer.body());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
