package com.rebound.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.EngineRestClient;
import com.rebound.ReboundSpringBootTest;
import com.rebound.procedure.ProcedureVariables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A case's runbook through {@code /engine-rest}, as technicians and managers work it in Tasklist: a ransomware case's
 * runbook comes before the recovery (the restore cannot be reached before the restore point is proven clean), its steps
 * are in the technicians' queue under the case's number and take only their own form's fields; and a manager deploys a
 * new runbook with a new row of the decision table, as Modeler does, and the next case of that kind runs it.
 */
@ReboundSpringBootTest
class RunbookThroughEngineRestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void aRansomwareCaseRunsItsRunbookBeforeTheRecovery_stepByStepAsTechniciansAndManagers() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String caseNumber = steps.open("gestoria-lopez", "Every share encrypted, a note on each desktop");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "ransomware", "fileServer");
    agreeToRecover(steps, instance);

    EngineRestClient tech = new EngineRestClient(port, "tech");
    EngineRestClient manager = new EngineRestClient(port, "manager");
    ProcessInstance runbook = runtime.createProcessInstanceQuery().superProcessInstanceId(instance).singleResult();
    assertThat(runbook.getBusinessKey()).as("the runbook runs under the case's number").isEqualTo(caseNumber);
    assertThat(runtime.getVariable(instance, ProcedureVariables.RUNBOOK_NAME)).isEqualTo("Ransomware");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).as("no recovery step yet").isZero();
    JsonNode queue = tech.get("/task?maxResults=10&candidateGroup=technicians&processInstanceBusinessKey=" + caseNumber).body();
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).get("taskDefinitionKey").asText()).isEqualTo("containRansomware");
    assertThat(runtime.getVariable(runbook.getId(), "clientName")).as("the case's header on its forms").isEqualTo("Gestoría López");
    JsonNode waiting = JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseNumber, null).body());
    assertThat(waiting.get("currentSteps")).extracting(step -> step.get("step").asText())
        .as("the case page shows the runbook's step it waits on").containsExactly("containRansomware");

    // the restore cannot be started before the runbook is done, whatever the route: an administrator moving the case in
    // Cockpit or over REST is refused with the runbook's open step named, and nothing changes
    EngineRestClient admin = new EngineRestClient(port, "admin");
    EngineRestClient.Response jump = admin.post("/process-instance/" + instance + "/modification", """
        {"instructions": [{"type": "startBeforeActivity", "activityId": "recover"}]}""");
    assertThat(jump.status()).as(jump.body().toString()).isEqualTo(400);
    assertThat(jump.body().get("message").asText()).contains("'Recover data and systems' cannot start before the case's runbook "
        + "(Ransomware) is done", "'Contain: isolate the systems, disable the accounts'", "Nothing was changed");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).as("no recovery step").isZero();

    // a runbook step is checked against its form (a required field) and takes its own form's fields only, whatever the
    // route: nothing of the case's is written through it
    String contain = queue.get(0).get("id").asText();
    EngineRestClient.Response incomplete = tech.post("/task/" + contain + "/complete", """
        {"variables": {"isolatedSystems": {"value": "FS01"}}}""");
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.body().toString()).contains("accountsDisabled");
    EngineRestClient.Response sneaky = tech.post("/task/" + contain + "/complete", """
        {"variables": {"isolatedSystems": {"value": "FS01"}, "accountsDisabled": {"value": "admin"},
         "recoveryOutcome": {"value": "done"}}}""");
    assertThat(sneaky.status()).as(sneaky.body().toString()).isIn(400, 403);
    assertThat(sneaky.body().toString()).contains("recoveryOutcome");
    assertThat(tasks.createTaskQuery().taskId(contain).count()).as("nothing changed").isOne();

    complete(tech, caseNumber, "containRansomware", Map.of("isolatedSystems", "FS01 and 12 PCs unplugged", "accountsDisabled",
        "administrador"));
    complete(tech, caseNumber, "preserveEvidence", Map.of("imagedSystems", "FS01 disk and memory", "evidenceHashes", "sha256 9f86d0",
        "evidenceLocation", "Safe at the MSP"));
    complete(tech, caseNumber, "identifyVariant", Map.of("ransomwareVariant", "LockBit 3.0", "decryptorAvailable", "no",
        "initialAccess", "exposedRdp"));
    complete(tech, caseNumber, "proveRestorePointClean", Map.of("restorePoint", "NAS02 nightly", "restorePointTakenAt",
        "2026-12-05T22:00:00+01:00", "restorePointScan", "The variant's files found in it", "restorePointVerdict", "notClean"));
    assertThat(tasks.createTaskQuery().processInstanceId(instance).count()).as("a dirty point: still no recovery").isZero();
    // the client is told, once and in Spanish, why the restore waits; the message is filed under the case
    List<Map<String, Object>> told = jdbc.queryForList("SELECT subject, process_instance_id FROM rebound_outbox "
        + "WHERE kind = 'restorePointCheck' AND case_number = ?", caseNumber);
    assertThat(told).hasSize(1);
    assertThat((String) told.get(0).get("subject")).contains(caseNumber, "Comprobamos que sus copias de seguridad están limpias");
    assertThat(told.get(0).get("process_instance_id")).isEqualTo(instance);
    complete(tech, caseNumber, "proveRestorePointClean", Map.of("restorePoint", "Offline USB copy", "restorePointTakenAt",
        "2026-12-04T22:00:00+01:00", "restorePointScan", "Mounted read-only, scanned with today's signatures", "restorePointVerdict", "clean"));
    // the clean point is days older than the agreed RPO (4 h): the client is told what that means, once
    List<Map<String, Object>> older = jdbc.queryForList("SELECT subject, body FROM rebound_outbox "
        + "WHERE kind = 'restorePointOlderThanRpo' AND case_number = ?", caseNumber);
    assertThat(older).hasSize(1);
    assertThat((String) older.get(0).get("subject")).contains("La copia limpia es más antigua de lo acordado");
    assertThat((String) older.get(0).get("body")).contains("(acordado: como mucho 4 horas)");
    complete(tech, caseNumber, "resetCredentials", Map.of("credentialsReset", "Domain admins, krbtgt twice, VPN",
        "credentialsResetConfirmed", "yes"));
    assertThat(tech.get("/task?maxResults=10&processInstanceBusinessKey=" + caseNumber + "&taskDefinitionKey=decideOnRansom").body())
        .as("the ransom decision is the managers'").isEmpty();
    complete(manager, caseNumber, "decideOnRansom", Map.of("ransomDecision", "notPaying", "ransomDecidedBy", "Luisa López, manager",
        "reportToAuthorities", "yes"));
    complete(manager, caseNumber, "reportToAuthorities", Map.of("authorityReports", "Policía Nacional, denuncia 2026/12345"));

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(runbook.getId()).count()).as("the runbook ended").isZero();
    assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey()).isEqualTo("recover");
    assertThat(runtime.getVariable(instance, ProcedureVariables.RUNBOOK_DONE)).isEqualTo(true);

    // before the systems go back to work after ransomware, the internal check must say what it looked for that the
    // attackers may have left: refused without it, nothing changed
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    EngineRestClient.Response unchecked = steps.tryComplete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}}");
    assertThat(unchecked.status()).isEqualTo(400);
    assertThat(unchecked.body().toString()).contains("persistenceCheck is required when runbook is runbookRansomware");
    steps.complete(instance, "verifyInternally", """
        {"internalCheckPassed": {"value": true}, "persistenceCheck": {"value": "Scheduled tasks, services, admins group, AnyDesk: nothing left"}}""");

    // the case's one view (API, console, report) tells the runbook's steps, who did each and when
    JsonNode timeline = JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/cases/" + caseNumber, null).body()).get("timeline");
    List<String> runbookSteps = new java.util.ArrayList<>();
    timeline.forEach(event -> runbookSteps.add(event.get("step").asText() + " " + event.get("kind").asText() + " "
        + event.path("by").asText("-")));
    assertThat(runbookSteps).containsSubsequence("runRunbook runbook -", "StartEvent_Ransomware runbook -",
        "containRansomware step tech", "preserveEvidence step tech", "identifyVariant step tech", "proveRestorePointClean step tech",
        "proveRestorePointClean step tech", "resetCredentials step tech", "decideOnRansom step manager",
        "reportToAuthorities step manager", "EndEvent_ReadyToRestore runbook -");
    HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/incidents/" + caseNumber + "/report")).header("Accept", "text/html")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:manager".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(report.body()).as("the client's report lists the runbook's steps, in the client's language")
        .contains("Comprobar que la copia desde la que se restaura está limpia", "Cambiar las credenciales que los atacantes puedan tener")
        .doesNotContain("Ready to restore", "Prove the restore point clean");
  }

  @Test
  void aManagerDeploysANewRunbookAndItsRow_theNextCaseOfThatKindRunsIt() throws Exception {
    String original = Files.readString(Path.of("bpmn", "runbook.dmn"));
    String withRow = original.replace("<rule id=\"Rule_SiteLoss\">", """
        <rule id="Rule_Flood">
                <inputEntry id="Rule_Flood_In"><text>"naturalDisaster"</text></inputEntry>
                <outputEntry id="Rule_Flood_Runbook"><text>"runbookFlood"</text></outputEntry>
                <outputEntry id="Rule_Flood_Name"><text>"Flood"</text></outputEntry>
              </rule>
              <rule id="Rule_SiteLoss">""");
    String runbook = Files.readString(Path.of("bpmn", "runbooks", "generic.bpmn"))
        .replace("runbookGeneric", "runbookFlood").replace("Runbook: generic recovery", "Runbook: flood")
        .replace("<bpmn:sequenceFlow id=\"Flow_ToGenericEnd\" sourceRef=\"StartEvent_Generic\" targetRef=\"EndEvent_Generic\" />", """
            <bpmn:userTask id="pumpWater" name="Pump the water out of the server room" camunda:candidateGroups="technicians" camunda:formRef="flood-pump" camunda:formRefBinding="latest" />
                <bpmn:sequenceFlow id="Flow_ToPump" sourceRef="StartEvent_Generic" targetRef="pumpWater" />
                <bpmn:sequenceFlow id="Flow_ToGenericEnd" sourceRef="pumpWater" targetRef="EndEvent_Generic" />""");
    String form = """
        {"components": [{"type": "textarea", "key": "pumpNotes", "label": "What was done", "id": "Field_Pump",
          "validate": {"required": true}}], "type": "default", "id": "flood-pump", "schemaVersion": 16}""";
    Map<String, String> files = new LinkedHashMap<>();
    files.put("runbooks/flood.bpmn", runbook);
    files.put("runbooks/flood-pump.form", form);
    files.put("runbook.dmn", withRow);
    assertThat(deploy("manager", files).statusCode()).as("deployed from Modeler by a manager").isEqualTo(200);
    try {
      CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
      String caseNumber = steps.open("ladrillos-garcia", "The river came into the office");
      String instance = steps.instanceOf(caseNumber);
      steps.assess(instance, "naturalDisaster", "fileServer");
      agreeToRecover(steps, instance);
      assertThat(runtime.getVariable(instance, ProcedureVariables.RUNBOOK)).isEqualTo("runbookFlood");
      EngineRestClient tech = new EngineRestClient(port, "tech");
      assertThat(tech.get("/process-definition/key/runbookFlood").status()).as("technicians read a runbook deployed meanwhile")
          .isEqualTo(200);
      assertThat(tech.get("/process-instance?maxResults=5&superProcessInstance=" + instance).body()).as("and its running instance")
          .hasSize(1);
      complete(tech, caseNumber, "pumpWater", Map.of("pumpNotes", "Two pumps, room dry by 14:00"));
      assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey()).isEqualTo("recover");
    } finally {
      // the shared application's next cases get the shipped table again
      assertThat(deploy("manager", Map.of("runbook.dmn", original)).statusCode()).isEqualTo(200);
    }
  }

  private static void agreeToRecover(CaseSteps steps, String instance) {
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 4}, "approach": {"value": "recover"}, "agreedWith": {"value": "Luisa López"}}""");
  }

  /** Completes the case's open step of that key as the user, with the fields given; it must be accepted. */
  private static void complete(EngineRestClient who, String caseNumber, String step, Map<String, String> fields) {
    JsonNode open = who.get("/task?maxResults=10&processInstanceBusinessKey=" + caseNumber + "&taskDefinitionKey=" + step).body();
    assertThat(open).as("open %s", step).hasSize(1);
    StringBuilder variables = new StringBuilder("{");
    fields.forEach((name, value) -> variables.append(variables.length() > 1 ? ", " : "").append('"').append(name)
        .append("\": {\"value\": ").append(quoted(value)).append('}'));
    EngineRestClient.Response done = who.post("/task/" + open.get(0).get("id").asText() + "/complete",
        "{\"variables\": " + variables.append('}') + "}");
    assertThat(done.status()).as("completing %s: %s", step, done.body()).isEqualTo(204);
  }

  private static String quoted(String value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A multipart deployment as Desktop Modeler sends it, with several files. */
  private HttpResponse<String> deploy(String user, Map<String, String> files) throws Exception {
    String boundary = "----RunbookDeployment";
    StringBuilder body = new StringBuilder();
    for (String[] part : List.of(new String[] {"deployment-name", "runbook"}, new String[] {"deployment-source", "Camunda Modeler"},
        new String[] {"enable-duplicate-filtering", "true"})) {
      body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(part[0]).append("\"\r\n\r\n")
          .append(part[1]).append("\r\n");
    }
    files.forEach((name, content) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
        .append(name).append("\"; filename=\"").append(name).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .append(content).append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
