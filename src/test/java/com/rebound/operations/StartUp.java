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
 * The speed benchmark's start-up comparison: Rebound and bare Camunda started in turn, each alone on the machine, each on
 * fresh data (a new H2 file or PostgreSQL database), both from the same kind of classpath (classes and dependency jars, as
 * the build leaves them), from the launch until {@code /actuator/health} answers. Prints each start and the medians' ratio.
 */
final class StartUp {

  private StartUp() {
  }

  static void compare(int times, boolean postgres, boolean production) throws Exception {
    long[] rebound = new long[times];
    long[] bare = new long[times];
    for (int i = 0; i < times; i++) {
      bare[i] = startOnce(true, postgres, production);
      rebound[i] = startOnce(false, postgres, production);
      System.out.printf("start %d: bare Camunda %.1f s, Rebound %.1f s%n", i + 1, bare[i] / 1000.0, rebound[i] / 1000.0);
    }
    long bareMedian = median(bare);
    long reboundMedian = median(rebound);
    System.out.printf("Start-up to ready, fresh data, median of %d: bare Camunda %.1f s, Rebound %.1f s, ratio %.2f (goal <= 1.2)%n%n",
        times, bareMedian / 1000.0, reboundMedian / 1000.0, reboundMedian / (double) bareMedian);
  }

  private static long startOnce(boolean bare, boolean postgres, boolean production) throws Exception {
    Path folder = Files.createTempDirectory(bare ? "bare-start" : "rebound-start");
    List<String> arguments = new ArrayList<>(bare ? SpeedBenchmark.bareArguments(production, folder) : List.of("--rebound.demo-users=true"));
    if (postgres) {
      PostgresServer server = PostgresServer.shared();
      arguments.removeIf(a -> a.startsWith("--spring.datasource.url="));
      arguments.addAll(SpeedBenchmark.postgresArguments(server, bare ? "bare_start" : "rebound_start"));
      if (!bare) {
        arguments.add("--spring.profiles.active=postgres");
      }
    }
    ReboundProcess jvm = bare
        ? ReboundProcess.ofMainClass(folder, List.of(), SpeedBenchmark.bareClasspath(), "bare.BareCamundaApplication",
            arguments.toArray(String[]::new))
        : ReboundProcess.ofMainClass(folder, List.of(), reboundClasspath(), "com.rebound.ReboundApplication",
            arguments.toArray(String[]::new));
    long started = System.nanoTime();
    jvm.start();
    long millis = (System.nanoTime() - started) / 1_000_000;
    jvm.terminate(Duration.ofSeconds(60));
    return millis;
  }

  /** This JVM's classpath without the test classes: Rebound's classes and its dependencies. */
  private static String reboundClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().endsWith(Path.of("target", "test-classes")))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
