package com.rebound.operations;

import com.rebound.ReboundProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Not a test: how the console answers as cases pile up. For 1,000 and then 100,000 closed cases (made by
 * {@link CaseHistoryGenerator} in a fresh H2 database of the packaged jar, 200 clients), it asks the dashboard API
 * (default period: the last 90 days; and the whole three years), the case list filtered by client, and case pages
 * of random cases, {@code benchmark.requests} times each after a warm-up (and the very first dashboard request, which adds
 * up and keeps every settled day, once), one request at a time, as a manager; it
 * prints p50/p95/p99 in ms of each and the 100,000/1,000 ratio of the p95s ({@code -Dbenchmark.database=postgres}: the same on a
 * PostgreSQL the benchmark starts, Debian's, as the tests do; {@code -Dbenchmark.open=N}: N cases of the last 90 days left open,
 * the oldest among them). Run by hand after
 * {@code ./mvnw -B verify -DskipTests}:
 * {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) -Drebound.jar=target/rebound-0.1.0-SNAPSHOT.jar
 * com.rebound.operations.ConsoleBenchmark}.
 */
public final class ConsoleBenchmark {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MANAGER = "Basic " + Base64.getEncoder().encodeToString("manager:manager".getBytes(StandardCharsets.UTF_8));
  private static final int CLIENTS = 200;

  private ConsoleBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("benchmark.requests", 300);
    int[] sizes = Arrays.stream(System.getProperty("benchmark.cases", "1000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
    boolean postgres = "postgres".equals(System.getProperty("benchmark.database"));
    Map<Integer, Map<String, long[]>> results = new LinkedHashMap<>();
    for (int cases : sizes) {
      results.put(cases, measure(cases, requests, postgres));
    }
    System.out.println();
    System.out.printf("Console latency, ms (p50 / p95 / p99 of %d requests each, one at a time, %s, %d clients)%n", requests,
        postgres ? "PostgreSQL" : "H2 file", CLIENTS);
    Map<String, long[]> first = results.get(sizes[0]);
    for (String what : first.keySet()) {
      StringBuilder line = new StringBuilder(String.format("%-36s", what));
      for (int cases : sizes) {
        long[] p = results.get(cases).get(what);
        line.append(String.format(" | %,7d cases: %4d / %4d / %4d", cases, p[0], p[1], p[2]));
      }
      long[] last = results.get(sizes[sizes.length - 1]).get(what);
      line.append(String.format(" | p95 ratio %.2f", last[1] / (double) Math.max(1, first.get(what)[1])));
      System.out.println(line);
    }
  }

  private static Map<String, long[]> measure(int cases, int requests, boolean postgres) throws Exception {
    Path folder = Files.createTempDirectory("rebound-console-benchmark");
    String url = "jdbc:h2:file:" + folder.resolve("data/rebound").toAbsolutePath();
    String user = "sa";
    String password = "";
    List<String> arguments = new ArrayList<>(List.of("--rebound.demo-users=true"));
    if (postgres) {
      com.rebound.database.PostgresServer server = com.rebound.database.PostgresServer.shared();
      url = server.createDatabase("rebound_console");
      user = com.rebound.database.PostgresServer.USER;
      password = com.rebound.database.PostgresServer.PASSWORD;
      arguments.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
          "--spring.datasource.password=" + password));
    }
    ReboundProcess rebound = new ReboundProcess(folder, arguments.toArray(String[]::new));
    rebound.start();   // creates the tables
    rebound.terminate(Duration.ofSeconds(45));
    long start = System.nanoTime();
    CaseHistoryGenerator.generate(url, user, password, CLIENTS, cases, 42);
    System.out.printf("%,d cases generated in %.1f s%n", cases, (System.nanoTime() - start) / 1e9);
    leaveOpen(url, user, password, Integer.getInteger("benchmark.open", 0));
    rebound.start();
    String base = "http://localhost:" + rebound.port();
    SplittableRandom random = new SplittableRandom(7);
    Map<String, long[]> result = new LinkedHashMap<>();
    try {
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String body = get(base + "/api/cases?client=gen-" + random.nextInt(CLIENTS) + "&size=25");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"caseNumber\":\"(DR-[0-9]+-9[0-9]+)\"").matcher(body);
        while (m.find()) {
          numbers.add(m.group(1));
        }
      }
      String threeYears = base + "/api/metrics?from=" + java.time.LocalDate.now().minusYears(3) + "&to=" + java.time.LocalDate.now();
      result.put("first /api/metrics, three years (keeps days)", once(() -> get(threeYears)));
      result.put("/api/metrics (last 90 days)", time(requests, () -> get(base + "/api/metrics")));
      result.put("/api/metrics (three years)", time(Math.max(20, requests / 10), () -> get(threeYears)));
      result.put("/api/metrics?client=... (last 90 days)", time(requests, () -> get(base + "/api/metrics?client=gen-"
          + random.nextInt(CLIENTS))));
      result.put("/api/cases?client=...&state=closed", time(requests, () -> get(base + "/api/cases?state=closed&client=gen-"
          + random.nextInt(CLIENTS))));
      result.put("/api/cases/{caseNumber}", time(requests, () -> get(base + "/api/cases/" + numbers.get(random.nextInt(numbers.size())))));
    } finally {
      rebound.terminate(Duration.ofSeconds(45));
    }
    return result;
  }

  /**
   * {@code open} of the cases of the last 90 days made open again, the oldest of them among them (a case left open for
   * months is what a provider's real database has).
   */
  private static void leaveOpen(String url, String user, String password, int open) throws Exception {
    if (open <= 0) {
      return;
    }
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, user, password)) {
      List<String> recent = new ArrayList<>();
      try (java.sql.PreparedStatement select = db.prepareStatement(
          "SELECT process_instance_id FROM rebound_case WHERE opened_at >= ? ORDER BY opened_at")) {
        select.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(89))));
        try (java.sql.ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            recent.add(rs.getString(1));
          }
        }
      }
      SplittableRandom random = new SplittableRandom(3);
      try (java.sql.PreparedStatement update = db.prepareStatement("UPDATE rebound_case SET state = 'open', closed_at = NULL, "
          + "outcome = NULL, recovered_at = NULL, recovery_minutes = NULL WHERE process_instance_id = ?")) {
        for (int i = 0; i < Math.min(open, recent.size()); i++) {
          update.setString(1, i == 0 ? recent.get(0) : recent.get(random.nextInt(recent.size())));
          update.addBatch();
        }
        update.executeBatch();
      }
      System.out.printf("%,d of the last 90 days' %,d cases left open, the oldest of them among them%n", Math.min(open, recent.size()),
          recent.size());
    }
  }

  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  /** One call, no warm-up: its time in ms three times over (as p50, p95, p99). */
  private static long[] once(Call call) throws Exception {
    long start = System.nanoTime();
    call.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    return new long[] {ms, ms, ms};
  }

  /** Warm-up (a third as many), then the percentiles p50, p95, p99 in ms. */
  private static long[] time(int requests, Call call) throws Exception {
    for (int i = 0; i < Math.max(10, requests / 3); i++) {
      call.run();
    }
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new long[] {at(nanos, 0.50), at(nanos, 0.95), at(nanos, 0.99)};
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1_000_000;
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", MANAGER)
        .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }
}
