package com.rebound.operations;

import com.rebound.CaseLoad;
import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.EngineRestClient;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For the benchmarks: four REST clients walking whole cases (report, then the seven steps of the
 * happy path, each by its group: tech or manager) for a while. Client {@code c} talks to
 * {@code ports[c % ports.length]}, so with two nodes the clients are spread over both.
 */
final class CaseWalk {

  static final List<String> STEPS = List.of("assessImpact", "agreeObjectives", "recover", "verifyInternally",
      "clientAcceptance", "postIncidentReview", "offerPrevention");

  /** Requests, whole cases and errors of one run. */
  record Counts(int requests, int cases, int errors) {
  }

  private CaseWalk() {
  }

  static Counts run(boolean authenticated, long millis, int... ports) throws InterruptedException {
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger cases = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long end = System.currentTimeMillis() + millis;
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int port = ports[c % ports.length];
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
    return new Counts(requests.get(), cases.get(), errors.get());
  }
}
