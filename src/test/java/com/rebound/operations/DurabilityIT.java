package com.rebound.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundProcess;
import com.rebound.CaseLoad;
import com.rebound.EngineRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Logs of every start stay in {@code target/it/durability-<time>/}.
 *
 * <p>Nothing acknowledged is lost: Rebound's packaged jar is driven by four REST clients and killed
 * with SIGKILL at two different moments (early in the load and well into it); after each restart on the same ./data every
 * case whose start was answered 200 and every completion answered 204 must be there. At the end a
 * SIGTERM under load must stop it cleanly, and every case is then worked to its end.
 */
class DurabilityIT {

  private static final long[] KILL_AFTER_MS = {4_000, 8_500};

  @Test
  void acknowledgedCasesAndCompletionsSurviveRepeatedKills() throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "it", "durability-" + System.currentTimeMillis()));
    ReboundProcess rebound = new ReboundProcess(folder, System.getProperty("durability.extra-argument", "--rebound.demo-users=true"));
    EngineRestClient rest = new EngineRestClient(rebound.port(), "admin");
    Set<String> acknowledgedCases = new HashSet<>();
    Set<String> acknowledgedCompletions = new HashSet<>();
    StringBuilder figures = new StringBuilder("Durability (SIGKILL under load, 4 REST clients):\n");

    rebound.start();
    for (int kill = 0; kill < KILL_AFTER_MS.length; kill++) {
      CaseLoad load = new CaseLoad();
      load.start(rebound.port(), 4);
      Thread.sleep(KILL_AFTER_MS[kill]);
      rebound.kill();
      load.stop();
      acknowledgedCases.addAll(load.acknowledgedCases);
      acknowledgedCompletions.addAll(load.acknowledgedCompletions);

      rebound.start();
      Set<String> casesFound = CaseLoad.casesInHistory(rest);
      Set<String> completionsFound = CaseLoad.completedTasksInHistory(rest);
      Set<String> lostCases = new HashSet<>(acknowledgedCases);
      lostCases.removeAll(casesFound);
      Set<String> lostCompletions = new HashSet<>(acknowledgedCompletions);
      lostCompletions.removeAll(completionsFound);
      String line = String.format("  kill %d after %d ms: %d requests, %d server errors; acknowledged so far %d cases,"
              + " %d completions; after restart found %d cases (%d lost), %d completions (%d lost)%n",
          kill + 1, KILL_AFTER_MS[kill], load.requests.get(), load.serverErrors.get(), acknowledgedCases.size(),
          acknowledgedCompletions.size(), casesFound.size(), lostCases.size(),
          acknowledgedCompletions.size() - lostCompletions.size(), lostCompletions.size());
      figures.append(line);
      System.out.print(line);
      assertThat(lostCases).as("acknowledged cases missing after kill %d", kill + 1).isEmpty();
      assertThat(lostCompletions).as("acknowledged completions missing after kill %d", kill + 1).isEmpty();
      assertThat(load.serverErrors.get()).as("5xx answers while running").isZero();
    }

    // SIGTERM under load: requests in flight finish, the JVM stops within the bound, nothing acknowledged is lost
    CaseLoad load = new CaseLoad();
    load.start(rebound.port(), 4);
    Thread.sleep(2_000);
    long stopping = System.nanoTime();
    int exitCode = rebound.terminate(Duration.ofSeconds(45));
    long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
    load.stop();
    acknowledgedCases.addAll(load.acknowledgedCases);
    acknowledgedCompletions.addAll(load.acknowledgedCompletions);
    figures.append(String.format("  SIGTERM under load: exit code %d after %d ms, answers 5xx by status: %s%n",
        exitCode, stopMillis, load.serverErrorsByStatus));
    // a request arriving on a kept-alive connection while Tomcat drains is refused with 503 (nothing done);
    // a 500 would mean work cut off halfway
    assertThat(load.serverErrorsByStatus.keySet()).as("5xx answers other than 503 during a graceful stop")
        .isSubsetOf(Set.of(503));

    rebound.start();
    assertThat(CaseLoad.casesInHistory(rest)).containsAll(acknowledgedCases);
    assertThat(CaseLoad.completedTasksInHistory(rest)).containsAll(acknowledgedCompletions);

    CaseLoad.finishAllCases(rest);
    assertThat(rest.get("/history/process-instance?maxResults=10&processDefinitionKey=disasterRecovery&unfinished=true").body()).isEmpty();
    assertThat(rest.get("/history/process-instance/count?processDefinitionKey=disasterRecovery&completed=true").body()
        .get("count").asLong()).isGreaterThanOrEqualTo(acknowledgedCases.size());
    figures.append(String.format("  all %d acknowledged cases then worked to COMPLETED%n", acknowledgedCases.size()));
    System.out.print(figures);
    rebound.terminate(Duration.ofSeconds(45));
  }
}
