package com.rebound.operations;

import com.rebound.CaseLoad;
import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.EngineRestClient;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The speed benchmark's walk, the same for bare Camunda and Rebound: REST clients each walking whole cases
 * through {@code /engine-rest} (start, then for each step find its task and complete it), the internal check
 * failing once and the client's test failing once before passing: twelve completions a case. Each completion's
 * time is kept. Rebound's clients log in as the step's group (tech or manager); bare Camunda's are anonymous.
 */
final class SpeedWalk {

  /** A step of the walk and what completing it sends (Rebound's form fields; bare Camunda reads only the gateways'). */
  record Step(String task, String variables) {
  }

  static final List<Step> STEPS = List.of(
      new Step("assessImpact", CaseLoad.HAPPY_PATH.get("assessImpact")),
      new Step("agreeObjectives", CaseLoad.HAPPY_PATH.get("agreeObjectives")),
      new Step("recover", CaseLoad.HAPPY_PATH.get("recover")),
      new Step("verifyInternally", """
          {"internalCheckPassed": {"value": false}, "verificationNotes": {"value": "The share is still empty"}}"""),
      new Step("recover", CaseLoad.HAPPY_PATH.get("recover")),
      new Step("verifyInternally", CaseLoad.HAPPY_PATH.get("verifyInternally")),
      new Step("clientAcceptance", """
          {"clientAccepted": {"value": false}, "acceptanceIssues": {"value": "Last week's invoices are missing"}}"""),
      new Step("recover", CaseLoad.HAPPY_PATH.get("recover")),
      new Step("verifyInternally", CaseLoad.HAPPY_PATH.get("verifyInternally")),
      new Step("clientAcceptance", CaseLoad.HAPPY_PATH.get("clientAcceptance")),
      new Step("postIncidentReview", CaseLoad.HAPPY_PATH.get("postIncidentReview")),
      new Step("offerPrevention", CaseLoad.HAPPY_PATH.get("offerPrevention")));

  /** What one run counted: whole cases, completions, errors, and each completion's time in nanoseconds. */
  record Run(int cases, int completions, int errors, double seconds, long[] completionNanos) {
  }

  private SpeedWalk() {
  }

  /**
   * {@code clients} clients walk cases of {@code processKey} on {@code port} for {@code millis}; {@code authenticated}: as
   * Rebound's demo accounts.
   */
  static Run run(int port, String processKey, boolean authenticated, int clients, long millis) throws InterruptedException {
    AtomicInteger cases = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<long[]> times = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + millis * 1_000_000;
    for (int c = 0; c < clients; c++) {
      long[] mine = new long[200_000];
      int[] count = new int[1];
      Thread thread = new Thread(() -> {
        EngineRestClient tech = new EngineRestClient(port, authenticated ? "tech" : null);
        EngineRestClient manager = new EngineRestClient(port, authenticated ? "manager" : null);
        while (System.nanoTime() < end) {
          if (walkOne(tech, manager, processKey, mine, count)) {
            cases.incrementAndGet();
          } else {
            errors.incrementAndGet();
          }
        }
        synchronized (times) {
          times.add(java.util.Arrays.copyOf(mine, count[0]));
        }
      }, "speed-walk-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = times.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    return new Run(cases.get(), all.length, errors.get(), seconds, all);
  }

  /** One client walks {@code cases} whole cases; how many completed. */
  static int walk(int port, String processKey, boolean authenticated, int cases) {
    EngineRestClient tech = new EngineRestClient(port, authenticated ? "tech" : null);
    EngineRestClient manager = new EngineRestClient(port, authenticated ? "manager" : null);
    int walked = 0;
    for (int i = 0; i < cases; i++) {
      // times not kept: this walk is for counting statements
      walked += walkOne(tech, manager, processKey, new long[STEPS.size()], new int[1]) ? 1 : 0;
    }
    return walked;
  }

  private static boolean walkOne(EngineRestClient tech, EngineRestClient manager, String processKey, long[] times, int[] count) {
    EngineRestClient.Response started = tech.post("/process-definition/key/" + processKey + "/start", """
        {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "speed benchmark"},
         "summary": {"value": "Shared folder deleted"}}}""");
    if (started.status() != 200) {
      return false;
    }
    String instance = started.body().get("id").asText();
    for (Step step : STEPS) {
      EngineRestClient who = "managers".equals(ProcedureVariables.CANDIDATE_GROUPS.get(step.task())) ? manager : tech;
      JsonNode tasks = who.get("/task?maxResults=10&processInstanceId=" + instance + "&taskDefinitionKey=" + step.task()).body();
      if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
        return false;
      }
      long before = System.nanoTime();
      EngineRestClient.Response done = who.post("/task/" + tasks.get(0).get("id").asText() + "/complete",
          "{\"variables\": " + step.variables() + "}");
      if (count[0] < times.length) {
        times[count[0]++] = System.nanoTime() - before;
      }
      if (done.status() != 204) {
        return false;
      }
    }
    return true;
  }
}
