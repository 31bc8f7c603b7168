package com.rebound.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.EngineRestClient;
import com.rebound.procedure.ProcedureVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: what authentication and authorizations cost. Walks whole cases (report, then the
 * seven steps of the happy path, each by its group: tech or manager, with HTTP Basic) with four
 * clients for 30 s after a 10 s warm-up, against this build, then against a build without
 * security (the jar named by {@code -Dunauthenticated.jar}, anonymous calls), and prints both. With
 * {@code -Dbaseline.jar=<jar>} it compares this build with another build instead, both authenticated.
 */
public final class SecurityCostBenchmark {

  private static final List<String> STEPS = List.of("assessImpact", "agreeObjectives", "recover", "verifyInternally",
      "clientAcceptance", "postIncidentReview", "offerPrevention");

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
    run(rebound.port(), authenticated, 10_000);
    long start = System.nanoTime();
    int[] counts = run(rebound.port(), authenticated, 30_000);
    double seconds = (System.nanoTime() - start) / 1e9;
    rebound.terminate(Duration.ofSeconds(45));
    return String.format("%s: %.1f requests/s, %.2f whole cases/s (%d requests, %d cases walked to the end, %d errors, %.1f s)",
        label, counts[0] / seconds, counts[1] / seconds, counts[0], counts[1], counts[2], seconds);
  }

  private static int[] run(int port, boolean authenticated, long millis) throws InterruptedException {
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger cases = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long end = System.currentTimeMillis() + millis;
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      Thread client = new Thread(() -> {
        EngineRestClient tech = new EngineRestClient(port, authenticated ? "tech" : null);
        EngineRestClient manager = new EngineRestClient(port, authenticated ? "manager" : null);
        while (System.currentTimeMillis() < end) {
          EngineRestClient.Response started = tech.post("/process-definition/key/disasterRecovery/start", """
              {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "bench"}, "summary": {"value": "bench"}}}""");
          requests.incrementAndGet();
          if (started.status() != 200) {
            errors.incrementAndGet();
            continue;
          }
          String instance = started.body().get("id").asText();
          boolean ok = true;
          for (String step : STEPS) {
            EngineRestClient who = "managers".equals(ProcedureVariables.CANDIDATE_GROUPS.get(step)) ? manager : tech;
            JsonNode tasks = who.get("/task?maxResults=1&processInstanceId=" + instance).body();
            EngineRestClient.Response done = who.post("/task/" + tasks.get(0).get("id").asText() + "/complete",
                "{\"variables\": " + CaseLoad.HAPPY_PATH.get(step) + "}");
            requests.addAndGet(2);
            if (done.status() != 204) {
              errors.incrementAndGet();
              ok = false;
              break;
            }
          }
          if (ok) {
            cases.incrementAndGet();
          }
        }
      });
      clients.add(client);
      client.start();
    }
    for (Thread client : clients) {
      client.join();
    }
    return new int[] {requests.get(), cases.get(), errors.get()};
  }
}
