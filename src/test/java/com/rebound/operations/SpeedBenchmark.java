package com.rebound.operations;

import com.rebound.ReboundProcess;
import com.rebound.database.PostgresServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Not a test: Rebound against bare Camunda on the same walk. Starts Rebound's packaged jar and a bare Camunda
 * 7.24 Spring Boot application ({@code bare.BareCamundaApplication}: same Camunda and Spring Boot, nothing of
 * Rebound, the procedure's shape in {@code bare/bare-procedure.bpmn}) as two JVMs at the same time, each on its own
 * H2 file (or PostgreSQL database with {@code -Dbenchmark.database=postgres}), warms both up, then walks them in
 * turn (bare, Rebound, bare, Rebound...) with the same {@link SpeedWalk} for {@code benchmark.rounds} rounds each,
 * and prints cases/s, completions/s and the completions' p50/p95/p99 of each, and the ratios. One command:
 * {@code ./mvnw -B -Pspeed verify} (see docs/performance.md). {@code -Dbenchmark.jfr=true} records both JVMs
 * with Java Flight Recorder (the files are named at the end); {@code -Dbenchmark.rebound-args="--a=b --c=d"} gives Rebound
 * more settings, to try one.
 */
public final class SpeedBenchmark {

  private SpeedBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("benchmark.rounds", 3);
    int clients = Integer.getInteger("benchmark.clients", 4);
    long roundMs = Long.getLong("benchmark.round-ms", 30_000);
    long warmUpMs = Long.getLong("benchmark.warm-up-ms", 45_000);
    int startUps = Integer.getInteger("benchmark.start-ups", 3);
    boolean postgres = "postgres".equals(System.getProperty("benchmark.database"));
    boolean jfr = Boolean.getBoolean("benchmark.jfr");
    // the yardstick: bare Camunda as a team would run it in production (durable commits, Camunda's authorization and
    // its Basic authentication on /engine-rest, the same users and grants), or "starter": the bare starter as generated
    // (H2's delayed writes, no authentication), the earlier yardstick
    boolean production = !"starter".equals(System.getProperty("benchmark.bare", "production"));

    if (startUps > 0) {
      StartUp.compare(startUps, postgres, production);
    }
    Path reboundFolder = Files.createTempDirectory("rebound-speed");
    Path bareFolder = Files.createTempDirectory("bare-speed");
    List<String> reboundArguments = new ArrayList<>(List.of("--rebound.demo-users=true"));
    // for experiments: more of Rebound's settings, e.g. -Dbenchmark.rebound-args="--spring.datasource.hikari.maximum-pool-size=20"
    String more = System.getProperty("benchmark.rebound-args", "").trim();
    if (!more.isEmpty()) {
      reboundArguments.addAll(List.of(more.split("\\s+")));
    }
    List<String> bareArguments = bareArguments(production, bareFolder);
    if (postgres) {
      PostgresServer server = PostgresServer.shared();
      reboundArguments.addAll(postgresArguments(server, "rebound_speed"));
      reboundArguments.add("--spring.profiles.active=postgres");
      bareArguments.removeIf(a -> a.startsWith("--spring.datasource.url="));
      bareArguments.addAll(postgresArguments(server, "bare_speed"));
    }
    ReboundProcess rebound = ReboundProcess.ofJar(reboundFolder, recording(jfr, reboundFolder), reboundArguments.toArray(String[]::new));
    ReboundProcess bare = ReboundProcess.ofMainClass(bareFolder, recording(jfr, bareFolder), bareClasspath(), "bare.BareCamundaApplication",
        bareArguments.toArray(String[]::new));
    rebound.start();
    bare.start();
    try {
      System.out.printf("Warming up (%d s each)...%n", warmUpMs / 1000);
      SpeedWalk.run(bare.port(), "bareProcedure", production, clients, warmUpMs);
      SpeedWalk.run(rebound.port(), "disasterRecovery", true, clients, warmUpMs);
      List<Round> bareRuns = new ArrayList<>();
      List<Round> reboundRuns = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        bareRuns.add(report("bare Camunda", round, walk(bare, "bareProcedure", production, clients, roundMs)));
        reboundRuns.add(report("Rebound     ", round, walk(rebound, "disasterRecovery", true, clients, roundMs)));
      }
      System.out.println();
      System.out.printf("Speed: %d REST clients, %d rounds of %d s each, %s, %d completions a case; bare Camunda %s%n", clients,
          rounds, roundMs / 1000, postgres ? "PostgreSQL" : "H2 file", SpeedWalk.STEPS.size(), production
              ? "configured for production (durable commits, authorization on, Basic authentication on /engine-rest)"
              : "as the starter makes it (H2's delayed writes, no authentication)");
      double[] bareSummary = summary("bare Camunda", bareRuns);
      double[] reboundSummary = summary("Rebound     ", reboundRuns);
      System.out.printf("Ratios Rebound / bare: cases/s %.2f (goal >= 0.8), completions/s %.2f, completion p95 %.2f (goal <= 1.5), "
          + "CPU a completion %.2f (goal <= 1.4)%n", reboundSummary[0] / bareSummary[0], reboundSummary[1] / bareSummary[1],
          reboundSummary[3] / bareSummary[3], reboundSummary[4] / bareSummary[4]);
      if (postgres) {
        StatementCount.print(PostgresServer.shared(), bare.port(), production, rebound.port());
      }
    } finally {
      rebound.terminate(Duration.ofSeconds(60));
      bare.terminate(Duration.ofSeconds(60));
    }
    if (jfr) {
      System.out.println("Flight recordings: " + reboundFolder.resolve("speed.jfr") + " " + bareFolder.resolve("speed.jfr"));
    }
  }

  /** Bare Camunda's settings: its own config name, full history, its model; for production durable H2 and Camunda's checks. */
  static List<String> bareArguments(boolean production, Path folder) {
    List<String> arguments = new ArrayList<>(List.of("--spring.config.name=bare", "--camunda.bpm.history-level=full",
        "--camunda.bpm.deployment-resource-pattern=classpath*:bare/*.bpmn", "--spring.datasource.url=jdbc:h2:file:"
            + folder.resolve("data/bare").toAbsolutePath() + (production ? ";WRITE_DELAY=0" : "")));
    if (production) {
      arguments.addAll(List.of("--bare.production=true", "--camunda.bpm.authorization.enabled=true"));
    }
    return arguments;
  }

  static List<String> postgresArguments(PostgresServer server, String database) {
    return List.of("--spring.datasource.url=" + server.createDatabase(database), "--spring.datasource.username=" + PostgresServer.USER,
        "--spring.datasource.password=" + PostgresServer.PASSWORD);
  }

  private static List<String> recording(boolean jfr, Path folder) {
    return jfr ? List.of("-XX:FlightRecorderOptions=stackdepth=1024",
        "-XX:StartFlightRecording=settings=profile,filename=" + folder.resolve("speed.jfr").toAbsolutePath())
        : List.of();
  }

  /** This JVM's classpath (the test classpath) without Rebound's own classes. */
  static String bareClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().endsWith(Path.of("target", "classes")))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * A round: the walk, and the CPU time the walked JVM used meanwhile (all its threads: requests, H2's writer, the job
   * executor): what one step costs. On a shared machine it moves with the machine's speed like cases/s; compare the two
   * JVMs' CPU a completion within one run.
   */
  record Round(SpeedWalk.Run walk, long cpuNanos) {

    double cpuMillisPerCompletion() {
      return walk.completions() == 0 ? 0 : cpuNanos / 1e6 / walk.completions();
    }
  }

  private static Round walk(ReboundProcess jvm, String processKey, boolean authenticated, int clients, long millis)
      throws InterruptedException {
    Duration before = jvm.cpu();
    SpeedWalk.Run run = SpeedWalk.run(jvm.port(), processKey, authenticated, clients, millis);
    return new Round(run, jvm.cpu().minus(before).toNanos());
  }

  private static Round report(String who, int round, Round measured) {
    SpeedWalk.Run run = measured.walk();
    long[] p = percentiles(run.completionNanos());
    System.out.printf("round %d %s: %6.2f cases/s, %7.1f completions/s, completion p50 %3d ms, p95 %3d ms, p99 %3d ms, "
            + "CPU %.1f ms a completion, %d errors%n", round, who, run.cases() / run.seconds(), run.completions() / run.seconds(), p[0],
        p[1], p[2], measured.cpuMillisPerCompletion(), run.errors());
    return measured;
  }

  /** Mean cases/s and completions/s over the rounds, p50/p95 of every completion of them, and CPU ms a completion; printed. */
  private static double[] summary(String who, List<Round> rounds) {
    List<SpeedWalk.Run> runs = rounds.stream().map(Round::walk).toList();
    double cases = runs.stream().mapToDouble(r -> r.cases() / r.seconds()).average().orElse(0);
    double completions = runs.stream().mapToDouble(r -> r.completions() / r.seconds()).average().orElse(0);
    long[] p = percentiles(runs.stream().flatMapToLong(r -> Arrays.stream(r.completionNanos())).toArray());
    long allCompletions = runs.stream().mapToLong(SpeedWalk.Run::completions).sum();
    double cpu = allCompletions == 0 ? 0 : rounds.stream().mapToLong(Round::cpuNanos).sum() / 1e6 / allCompletions;
    System.out.printf("%s: %6.2f cases/s (%s), %7.1f completions/s, completion p50 / p95 / p99: %d / %d / %d ms, CPU %.1f ms a "
            + "completion (%s)%n", who, cases,
        runs.stream().map(r -> String.format("%.2f", r.cases() / r.seconds())).collect(Collectors.joining(", ")), completions, p[0], p[1],
        p[2], cpu, rounds.stream().map(r -> String.format("%.1f", r.cpuMillisPerCompletion())).collect(Collectors.joining(", ")));
    return new double[] {cases, completions, p[0], p[1], cpu};
  }

  private static long[] percentiles(long[] nanos) {
    if (nanos.length == 0) {
      return new long[] {0, 0, 0};
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new long[] {at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99)};
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1_000_000;
  }
}
