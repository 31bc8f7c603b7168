package com.rebound.operations;

import com.rebound.ReboundProcess;
import com.rebound.database.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: throughput as nodes are added. Walks whole cases with four REST clients (tech and
 * manager, HTTP Basic) for 60 s after a 15 s warm-up against the packaged jar on H2 (one node), on
 * PostgreSQL (one node) and on PostgreSQL (two nodes, the clients spread over both), and prints
 * cases/s for each. Run by hand after {@code ./mvnw -B verify -DskipTests}:
 * {@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) -Drebound.jar=target/rebound-0.1.0-SNAPSHOT.jar
 * com.rebound.operations.ClusterBenchmark}.
 */
public final class ClusterBenchmark {

  private ClusterBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    long warmUp = Long.getLong("benchmark.warm-up-ms", 15_000);
    long measured = Long.getLong("benchmark.measure-ms", 60_000);
    List<String> lines = new ArrayList<>();
    lines.add(measure("H2, 1 node", warmUp, measured, List.of()));
    PostgresServer postgres = PostgresServer.shared();
    String onePostgres = postgres.createDatabase("rebound_bench");
    lines.add(measure("PostgreSQL, 1 node", warmUp, measured, List.<String[]>of(postgresArguments(onePostgres))));
    String twoPostgres = postgres.createDatabase("rebound_bench");
    lines.add(measure("PostgreSQL, 2 nodes", warmUp, measured, List.<String[]>of(postgresArguments(twoPostgres), postgresArguments(twoPostgres))));
    lines.forEach(System.out::println);
  }

  private static String[] postgresArguments(String url) {
    return new String[] {"--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + PostgresServer.USER, "--spring.datasource.password=" + PostgresServer.PASSWORD};
  }

  /** Starts one node per argument list (or one H2 node for none), walks cases, stops them. */
  private static String measure(String label, long warmUp, long measured, List<String[]> nodes) throws Exception {
    List<ReboundProcess> started = new ArrayList<>();
    for (String[] arguments : nodes.isEmpty() ? List.<String[]>of(new String[0]) : nodes) {
      List<String> all = new ArrayList<>(List.of("--rebound.demo-users=true"));
      all.addAll(List.of(arguments));
      ReboundProcess node = new ReboundProcess(Files.createTempDirectory("rebound-cluster-benchmark"), all.toArray(String[]::new));
      node.start();
      started.add(node);
    }
    int[] ports = started.stream().mapToInt(ReboundProcess::port).toArray();
    CaseWalk.run(true, warmUp, ports);
    long start = System.nanoTime();
    CaseWalk.Counts counts = CaseWalk.run(true, measured, ports);
    double seconds = (System.nanoTime() - start) / 1e9;
    for (ReboundProcess node : started) {
      node.terminate(Duration.ofSeconds(45));
    }
    return String.format("%s: %.2f whole cases/s, %.1f requests/s (%d cases, %d requests, %d errors, %.0f s, 4 clients)",
        label, counts.cases() / seconds, counts.requests() / seconds, counts.cases(), counts.requests(), counts.errors(), seconds);
  }
}
