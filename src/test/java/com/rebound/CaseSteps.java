package com.rebound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The one case-walking fixture of the tests: a case walked over HTTP as staff would: opened through the intake API, each step completed over
 * {@code /engine-rest} by the group it belongs to (a managers' step as the manager).
 */
public final class CaseSteps {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final String engine;
  private final RuntimeService runtime;
  private final TaskService tasks;

  public CaseSteps(int port, String engine, RuntimeService runtime, TaskService tasks) {
    this.port = port;
    this.engine = engine;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** Opens a case for the client as the technician; its case number. */
  public String open(String clientId, String summary) throws Exception {
    HttpResponse<String> response = ApiCalls.call(port, "tech", "POST", "/api/incidents",
        "{\"clientId\": \"" + clientId + "\", \"summary\": \"" + summary + "\", \"reportedBy\": \"Luisa López\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("caseNumber").asText();
  }

  public String instanceOf(String caseNumber) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("disasterRecovery").processInstanceBusinessKey(caseNumber)
        .singleResult().getId();
  }

  /** Completes the case's open step of that key; the answer of /engine-rest. */
  public EngineRestClient.Response tryComplete(String instance, String taskKey, String variables) {
    // the case's runbook, if one runs, walked first by its shortest way (the runbooks have tests of their own)
    RunbookSteps.finish(tasks, runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey());
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).list();
    assertThat(open).as("open %s", taskKey).hasSize(1);
    String taskId = open.get(0).getId();
    boolean managers = tasks.getIdentityLinksForTask(taskId).stream().anyMatch(link -> "managers".equals(link.getGroupId()));
    return EngineRestClient.ofEngine(port, managers ? "manager" : "tech", engine)
        .post("/task/" + taskId + "/complete", "{\"variables\": " + variables + "}");
  }

  public void complete(String instance, String taskKey, String variables) {
    EngineRestClient.Response done = tryComplete(instance, taskKey, variables);
    assertThat(done.status()).as("completing %s: %s", taskKey, done.body()).isEqualTo(204);
  }

  /** Assesses with a cause and the kinds of systems hit. */
  public void assess(String instance, String cause, String... systems) {
    complete(instance, "assessImpact", """
        {"impactLevel": {"value": "partial"}, "usersAffected": {"value": 4}, "dataLossSuspected": {"value": false},
         "probableCause": {"value": "%s"}, "damagedScope": {"value": "Server FS01"},
         "systemsHit": {"type": "Json", "value": "%s"}}""".formatted(cause, jsonList(systems).replace("\"", "\\\"")));
  }

  /** From objectives to the review: recovered and accepted at the first round. */
  public void recoverAndAccept(String instance) {
    complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 4}, "approach": {"value": "recover"}, "agreedWith": {"value": "Luisa López"}}""");
    complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"persistenceCheck\": {\"value\": \"Scheduled tasks, services, accounts: nothing left\"}}");
    complete(instance, "clientAcceptance", "{\"clientAccepted\": {\"value\": true}}");
  }

  /** The review with its lessons and action items (a JSON list, as Tasklist sends a dynamic list), kept from the client. */
  public EngineRestClient.Response review(String instance, String lessons, String wentWell, String actionItemsJson) {
    return review(instance, lessons, wentWell, actionItemsJson, false);
  }

  /** The same, shared with the client's final report or not. */
  public EngineRestClient.Response review(String instance, String lessons, String wentWell, String actionItemsJson, boolean shared) {
    return tryComplete(instance, "postIncidentReview", """
        {"rootCause": {"value": "Disk failed"}, "lessonsLearned": {"value": "%s"}, "wentWell": {"value": "%s"},
         "actionItems": {"type": "Json", "value": "%s"}, "shareReviewWithClient": {"value": %s}}""".formatted(lessons, wentWell,
        actionItemsJson.replaceAll("\\s*\n\\s*", " ").replace("\"", "\\\""), shared));
  }

  public void offerPrevention(String instance) {
    complete(instance, "offerPrevention", "{\"clientInterest\": {\"value\": \"considering\"}}");
  }

  /** The variables Tasklist loads for a step's form, as the user logged in to Tasklist (webapp session and CSRF token). */
  public JsonNode formVariables(String user, String instance, String taskKey) throws Exception {
    String taskId = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).singleResult().getId();
    java.net.CookieManager cookies = new java.net.CookieManager();
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
    http.send(request("/camunda/app/tasklist/" + engine + "/").build(), HttpResponse.BodyHandlers.ofString());
    String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
    HttpResponse<String> login = http.send(request("/camunda/api/admin/auth/user/" + engine + "/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> answer = http.send(request("/camunda/api/engine/engine/" + engine + "/task/" + taskId
        + "/form-variables?deserializeValues=false").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private java.net.http.HttpRequest.Builder request(String path) {
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path));
  }

  private static String jsonList(String... values) {
    try {
      return JSON.writeValueAsString(List.of(values));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
