package com.rebound.operations;

import com.rebound.ReboundProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: what authentication and authorizations cost. Walks whole cases (report, then the
 * seven steps of the happy path, each by its group: tech or manager, with HTTP Basic) with four
 * clients for 30 s after a 10 s warm-up, against this build, then against a build without
 * security (the jar named by {@code -Dunauthenticated.jar}, anonymous calls), and prints both. With
 * {@code -Dbaseline.jar=<jar>} it compares this build with another build instead, both authenticated.
 */
public final class SecurityCostBenchmark {

  private SecurityCostBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    if (Boolean.getBoolean("benchmark.without-login-cache")) {
      System.out.println(measure("authenticated without the login cache (every call checks the password)",
          ReboundProcess.jar(), true, "--rebound.security.login-cache-seconds=0"));
      return;
    }
    String baseline = System.getProperty("baseline.jar");
    if (baseline != null) {
      // another build of Rebound, both measured the same way (e.g. before a feature, to see what it costs)
      String before = measure("baseline build " + baseline, Path.of(baseline).toAbsolutePath(), true);
      String now = measure("this build", ReboundProcess.jar(), true);
      System.out.println(before);
      System.out.println(now);
      return;
    }
    String secured = measure("authenticated (Basic, cached) + authorizations", ReboundProcess.jar(), true);
    String open = measure("unauthenticated engine (no login, authorizations off)",
        Path.of(System.getProperty("unauthenticated.jar")).toAbsolutePath(), false);
    System.out.println(secured);
    System.out.println(open);
  }

  private static String measure(String label, Path jar, boolean authenticated, String... arguments) throws Exception {
    System.setProperty("rebound.jar", jar.toString());
    Path folder = Files.createTempDirectory("rebound-security-benchmark");
    List<String> all = new ArrayList<>(List.of("--rebound.demo-users=true"));
    all.addAll(List.of(arguments));
    ReboundProcess rebound = new ReboundProcess(folder, all.toArray(String[]::new));
    rebound.start();
    CaseWalk.run(authenticated, 10_000, rebound.port());
    long start = System.nanoTime();
    CaseWalk.Counts counts = CaseWalk.run(authenticated, 30_000, rebound.port());
    double seconds = (System.nanoTime() - start) / 1e9;
    rebound.terminate(Duration.ofSeconds(45));
    return String.format("%s: %.1f requests/s, %.2f whole cases/s (%d requests, %d cases walked to the end, %d errors, %.1f s)",
        label, counts.requests() / seconds, counts.cases() / seconds, counts.requests(), counts.cases(), counts.errors(), seconds);
  }
}
