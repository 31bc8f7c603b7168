package com.rebound;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several REST clients reporting disasters and working the first two steps of each case, as fast
 * as they can. Remembers only what Rebound acknowledged (HTTP 200/204): those must never be lost.
 */
public final class CaseLoad {

  public static final Map<String, String> HAPPY_PATH = Map.of(
      "assessImpact", """
          {"impactLevel": {"value": "partial"}, "usersAffected": {"value": 3, "type": "Long"},
           "dataLossSuspected": {"value": false}, "probableCause": {"value": "other"},
           "damagedScope": {"value": "Shared folder deleted"}}""",
      "agreeObjectives", """
          {"rtoHours": {"value": 4, "type": "Long"}, "rpoHours": {"value": 24, "type": "Long"},
           "approach": {"value": "recover"}, "agreedWith": {"value": "Office manager"}}""",
      "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}",
      "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}}",
      "clientAcceptance", "{\"clientAccepted\": {\"value\": true}}",
      "postIncidentReview", "{\"rootCause\": {\"value\": \"Deleted by mistake\"}, \"lessonsLearned\": {\"value\": \"Shadow copies\"}}",
      "offerPrevention", "{\"clientInterest\": {\"value\": \"considering\"}}");

  public final Set<String> acknowledgedCases = ConcurrentHashMap.newKeySet();
  public final Set<String> acknowledgedCompletions = ConcurrentHashMap.newKeySet();
  public final AtomicInteger serverErrors = new AtomicInteger();
  /** 5xx answers by status code. */
  public final Map<Integer, AtomicInteger> serverErrorsByStatus = new ConcurrentHashMap<>();
  public final AtomicInteger requests = new AtomicInteger();
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean running;

  public void start(int port, int clientCount) {
    running = true;
    for (int i = 0; i < clientCount; i++) {
      int client = i;
      Thread thread = new Thread(() -> work(new EngineRestClient(port, "tech"), client), "case-load-" + i);
      clients.add(thread);
      thread.start();
    }
  }

  public void stop() throws InterruptedException {
    running = false;
    for (Thread client : clients) {
      client.join(30_000);
    }
    clients.clear();
  }

  private void work(EngineRestClient rest, int client) {
    int n = 0;
    while (running) {
      try {
        EngineRestClient.Response started = rest.post("/process-definition/key/disasterRecovery/start", """
            {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "load"},
             "summary": {"value": "case %d of load client %d"}}}""".formatted(++n, client));
        count(started);
        if (started.status() != 200) {
          continue;
        }
        acknowledgedCases.add(started.body().get("businessKey").asText());
        String instance = started.body().get("id").asText();
        for (String step : List.of("assessImpact", "agreeObjectives")) {
          completeOpenTask(rest, instance, step);
        }
      } catch (UncheckedIOException | IllegalStateException serverGone) {
        return;
      }
    }
  }

  private void completeOpenTask(EngineRestClient rest, String instance, String step) {
    EngineRestClient.Response tasks = rest.get("/task?maxResults=10&processInstanceId=" + instance);
    count(tasks);
    if (tasks.status() != 200 || tasks.body().isEmpty()) {
      return;
    }
    String taskId = tasks.body().get(0).get("id").asText();
    EngineRestClient.Response done = rest.post("/task/" + taskId + "/complete", "{\"variables\": " + HAPPY_PATH.get(step) + "}");
    count(done);
    if (done.status() == 204) {
      acknowledgedCompletions.add(taskId);
    }
  }

  private void count(EngineRestClient.Response response) {
    requests.incrementAndGet();
    if (response.status() >= 500) {
      serverErrors.incrementAndGet();
      serverErrorsByStatus.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Every result of a query, page by page (Rebound caps one answer at 2000 results). */
  public static List<JsonNode> all(EngineRestClient rest, String query) {
    List<JsonNode> all = new ArrayList<>();
    for (int first = 0; ; first += 1000) {
      EngineRestClient.Response page = rest.get(query + (query.contains("?") ? "&" : "?") + "firstResult=" + first + "&maxResults=1000");
      if (page.status() != 200) {
        throw new IllegalStateException(query + " answered " + page.status() + ": " + page.body());
      }
      page.body().forEach(all::add);
      if (page.body().size() < 1000) {
        return all;
      }
    }
  }

  /** Business keys of every case the engine knows, running or ended. */
  public static Set<String> casesInHistory(EngineRestClient rest) {
    Set<String> keys = ConcurrentHashMap.newKeySet();
    all(rest, "/history/process-instance?processDefinitionKey=disasterRecovery").forEach(c -> keys.add(c.get("businessKey").asText()));
    return keys;
  }

  /** Ids of every completed task in history. */
  public static Set<String> completedTasksInHistory(EngineRestClient rest) {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    all(rest, "/history/task?finished=true").forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  /** Works every open case to its end along the happy path. */
  public static void finishAllCases(EngineRestClient rest) {
    for (int round = 0; round < 20; round++) {
      List<JsonNode> open = all(rest, "/task?processDefinitionKey=disasterRecovery");
      if (open.isEmpty()) {
        return;
      }
      for (JsonNode task : open) {
        EngineRestClient.Response done = rest.post("/task/" + task.get("id").asText() + "/complete",
            "{\"variables\": " + HAPPY_PATH.get(task.get("taskDefinitionKey").asText()) + "}");
        // "busy" (503 with Retry-After: a lock not had in time while a backup or a burst runs) is to be tried again, as
        // any client of Rebound does
        for (int retry = 0; retry < 5 && done.status() == 503; retry++) {
          sleepQuietly(2_000);
          done = rest.post("/task/" + task.get("id").asText() + "/complete",
              "{\"variables\": " + HAPPY_PATH.get(task.get("taskDefinitionKey").asText()) + "}");
        }
        if (done.status() != 204) {
          throw new IllegalStateException("could not complete " + task + ": " + done.body());
        }
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
