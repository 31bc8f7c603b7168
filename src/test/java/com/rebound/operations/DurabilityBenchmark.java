package com.rebound.operations;

import com.rebound.ReboundProcess;
import com.rebound.CaseLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Not a test: measures what the durable H2 setting costs. Runs the packaged jar twice, with
 * Rebound's settings and with H2's default write delay, each warmed up for 10 s and then loaded by
 * four REST clients for 30 s, and prints requests per second. Run by hand:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) -Drebound.jar=target/rebound-0.1.0-SNAPSHOT.jar
 * com.rebound.operations.DurabilityBenchmark}.
 */
public final class DurabilityBenchmark {

  private DurabilityBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    measure("WRITE_DELAY=0 (Rebound's default)", "--rebound.demo-users=false");
    measure("H2 default write delay (500 ms)",
        "--spring.datasource.url=jdbc:h2:file:./data/rebound;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
  }

  private static void measure(String label, String argument) throws Exception {
    Path folder = Files.createTempDirectory("rebound-benchmark");
    ReboundProcess rebound = new ReboundProcess(folder, argument);
    rebound.start();
    CaseLoad warmUp = new CaseLoad();
    warmUp.start(rebound.port(), 4);
    Thread.sleep(10_000);
    warmUp.stop();
    CaseLoad load = new CaseLoad();
    long start = System.nanoTime();
    load.start(rebound.port(), 4);
    Thread.sleep(30_000);
    load.stop();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %.1f requests/s, %.1f cases/s (%d requests, %d cases started, %d steps completed in %.1f s)%n",
        label, load.requests.get() / seconds, load.acknowledgedCases.size() / seconds, load.requests.get(),
        load.acknowledgedCases.size(), load.acknowledgedCompletions.size(), seconds);
    rebound.terminate(Duration.ofSeconds(45));
  }
}
