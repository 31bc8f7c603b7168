package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.EngineRestClient;
import com.rebound.ReboundSpringBootTest;
import com.rebound.security.Http.Attempt;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager changes the procedure in Desktop Modeler and deploys it the way Modeler does
 * (multipart {@code /engine-rest/deployment/create}, Basic authentication): new cases start on the
 * new version, a case started earlier stays on its version. Technicians and strangers cannot.
 */
@ReboundSpringBootTest
class ModelerDeploymentTest {

  private static final String BOUNDARY = "----ModelerFormBoundary7MA4YWxkTrZu0gW";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  private Attempt deploy(String credentials, String bpmn) {
    return new Attempt("deploy", credentials, "POST", "/engine-rest/deployment/create",
        "multipart/form-data; boundary=" + BOUNDARY,
        Http.modelerDeployment(BOUNDARY, "disaster-recovery", "disaster-recovery.bpmn", bpmn), 200);
  }

  @Test
  void managerDeploysFromModeler_newCasesUseTheNewVersion_runningCasesKeepTheirs() throws Exception {
    EngineRestClient tech = new EngineRestClient(port, "tech");
    String startBody = """
        {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "Luisa"}, "summary": {"value": "%s"}}}""";
    JsonNode earlier = tech.post("/process-definition/key/disasterRecovery/start", startBody.formatted("before the change")).body();
    String oldVersion = earlier.get("definitionId").asText();

    // Modeler's connection check
    assertThat(Http.send(port, Http.attempt("check", "manager:manager", "GET", "/engine-rest/deployment?maxResults=0", null, 200))
        .statusCode()).isEqualTo(200);

    String changed = Files.readString(Path.of("bpmn", "disaster-recovery.bpmn"))
        .replace("name=\"Case closed\"", "name=\"Case closed (Modeler edit)\"");
    HttpResponse<String> deployed = Http.send(port, deploy("manager:manager", changed));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    JsonNode deployment = JSON.readTree(deployed.body());
    String newVersion = deployment.get("deployedProcessDefinitions").fieldNames().next();
    assertThat(newVersion).isNotEqualTo(oldVersion);

    // duplicate filtering: deploying the same diagram again creates nothing
    HttpResponse<String> again = Http.send(port, deploy("manager:manager", changed));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("deployedProcessDefinitions").isNull()
        || JSON.readTree(again.body()).path("deployedProcessDefinitions").isEmpty()).isTrue();

    JsonNode later = tech.post("/process-definition/key/disasterRecovery/start", startBody.formatted("after the change")).body();
    assertThat(later.get("definitionId").asText()).isEqualTo(newVersion);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(earlier.get("id").asText())
        .singleResult().getProcessDefinitionId()).isEqualTo(oldVersion);
    // the case on the old version still works, its forms included (binding latest)
    JsonNode task = tech.get("/task?maxResults=1&processInstanceId=" + earlier.get("id").asText()).body().get(0);
    assertThat(tech.get("/task/" + task.get("id").asText() + "/deployed-form").body().get("id").asText()).isEqualTo("assessImpact");
  }

  @Test
  void aFieldAManagerMakesRequiredInAFormIsRequiredOnEveryRoute() throws Exception {
    String original = Files.readString(Path.of("bpmn", "recover.form"));
    String withScan = original.replaceFirst("\"components\": \\[", """
        "components": [{"type": "checkbox", "key": "antivirusScanDone", "label": "Antivirus scan of the restored data done",
         "id": "Field_AntivirusScan", "validate": {"required": true}},""");
    java.util.function.Function<String, Attempt> deployForm = form -> new Attempt("deploy form", "manager:manager", "POST",
        "/engine-rest/deployment/create", "multipart/form-data; boundary=" + BOUNDARY,
        Http.modelerDeployment(BOUNDARY, "recover-form-edit", "recover.form", form), 200);
    assertThat(Http.send(port, deployForm.apply(withScan)).statusCode()).isEqualTo(200);
    try {
      EngineRestClient tech = new EngineRestClient(port, "tech");
      String instance = caseWaitingToRecover(tech, "NAS");
      String recover = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();

      JsonNode refused = completeOver(tech, instance, "{\"recoveryOutcome\": {\"value\": \"done\"}}", 400);
      assertThat(refused.get("message").asText()).contains("antivirusScanDone is required");
      JsonNode unticked = completeOver(tech, instance,
          "{\"recoveryOutcome\": {\"value\": \"done\"}, \"antivirusScanDone\": {\"value\": false}}", 400);
      assertThat(unticked.get("message").asText()).contains("antivirusScanDone is required");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(recover, java.util.Map.of(
          "recoveryOutcome", "done"))).as("the Java API too").hasMessageContaining("antivirusScanDone is required");
      assertThat(engine.getTaskService().createTaskQuery().taskId(recover).count()).as("nothing changed").isOne();

      completeOver(tech, instance, "{\"recoveryOutcome\": {\"value\": \"done\"}, \"antivirusScanDone\": {\"value\": true}}", 204);
      assertThat(engine.getRuntimeService().getVariable(instance, "antivirusScanDone")).isEqualTo(true);
    } finally {
      assertThat(Http.send(port, deployForm.apply(original)).statusCode()).as("the form as it was, for the other tests").isEqualTo(200);
    }
  }

  @Test
  void runningCasesMoveToTheNewVersionWhenItAllows_andAreRefusedByNameWhenItDoesNot() throws Exception {
    EngineRestClient tech = new EngineRestClient(port, "tech");
    String instance = caseWaitingToRecover(tech, "before v2");
    String before = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId();
    String original = Files.readString(Path.of("bpmn", "disaster-recovery.bpmn"));
    try {
      // a version without the step the case waits in: refused, by name, and nothing moves
      String withoutRecover = original.replace("id=\"recover\"", "id=\"recoverData\"").replace("sourceRef=\"recover\"", "sourceRef=\"recoverData\"")
          .replace("targetRef=\"recover\"", "targetRef=\"recoverData\"").replace("bpmnElement=\"recover\"", "bpmnElement=\"recoverData\"");
      assertThat(Http.send(port, deploy("manager:manager", withoutRecover)).statusCode()).isEqualTo(200);
      java.net.http.HttpResponse<String> refused = com.rebound.ApiCalls.call(port, "manager", "POST", "/api/procedure/migrations", "{}");
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("No case was moved", "recover");
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
          .getProcessDefinitionId()).isEqualTo(before);

      // a compatible version (a step renamed): the case moves, with its variables, and goes on
      assertThat(Http.send(port, deploy("manager:manager", original.replace("name=\"Recover data and systems\"",
          "name=\"Recover data and systems (v2)\""))).statusCode()).isEqualTo(200);
      assertThat(com.rebound.ApiCalls.call(port, "tech", "POST", "/api/procedure/migrations", "{}").statusCode())
          .as("technicians do not migrate").isEqualTo(403);
      java.net.http.HttpResponse<String> moving = com.rebound.ApiCalls.call(port, "manager", "POST", "/api/procedure/migrations", "{}");
      assertThat(moving.statusCode()).as(moving.body()).isEqualTo(202);
      String target = JSON.readTree(moving.body()).get("to").asText();
      org.awaitility.Awaitility.await("the case moved").atMost(java.time.Duration.ofSeconds(30)).until(() -> target.equals(
          engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId()));
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
          .getProcessDefinitionId()).as("moved to the new version").isEqualTo(target);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getProcessDefinitionId())
          .as("its open step too").isEqualTo(target);
      assertThat(engine.getRuntimeService().getVariable(instance, "agreedWith")).isEqualTo("Luisa");
      completeOver(tech, instance, "{\"recoveryOutcome\": {\"value\": \"done\"}}", 204);
      assertThat(com.rebound.ApiCalls.call(port, "manager", "GET", "/api/procedure/migrations", null).statusCode()).isEqualTo(200);
    } finally {
      assertThat(Http.send(port, deploy("manager:manager", original)).statusCode()).as("the model as it was").isEqualTo(200);
    }
  }

  @Test
  void aManagerMovesTheRtoWarningToHalfTheRto_newCasesWarnAt50Percent_runningOnesKeep75() throws Exception {
    EngineRestClient manager = new EngineRestClient(port, "manager");
    String start = """
        {"variables": {"clientId": {"value": "northwind-logistics"}, "reportedBy": {"value": "Sam"}, "summary": {"value": "%s"}}}""";
    String earlier = manager.post("/process-definition/key/disasterRecovery/start", start.formatted("before the edit")).body()
        .get("id").asText();
    String original = Files.readString(Path.of("bpmn", "disaster-recovery.bpmn"));
    assertThat(original).contains("${caseClocks.rtoShare(execution, 0.75)}");
    try {
      assertThat(Http.send(port, deploy("manager:manager", original.replace("${caseClocks.rtoShare(execution, 0.75)}",
          "${caseClocks.rtoShare(execution, 0.5)}"))).statusCode()).isEqualTo(200);
      String later = manager.post("/process-definition/key/disasterRecovery/start", start.formatted("after the edit")).body()
          .get("id").asText();
      EngineRestClient admin = new EngineRestClient(port, "admin");   // works technicians' and managers' steps alike
      for (String instance : List.of(earlier, later)) {
        completeOver(admin, instance, """
            {"impactLevel": {"value": "partial"}, "usersAffected": {"value": 10}, "dataLossSuspected": {"value": false},
             "probableCause": {"value": "other"}, "damagedScope": {"value": "one scanner"}}""", 204);
        completeOver(admin, instance, """
            {"rtoHours": {"value": 8}, "rpoHours": {"value": 4}, "approach": {"value": "recover"}, "agreedWith": {"value": "Sam"}}""", 204);
      }
      assertThat(warningAfterAgreement(later)).as("the edited model warns at half the RTO").isEqualTo(java.time.Duration.ofHours(4));
      assertThat(warningAfterAgreement(earlier)).as("a case started before keeps its version's 75%")
          .isEqualTo(java.time.Duration.ofHours(6));
    } finally {
      assertThat(Http.send(port, deploy("manager:manager", original)).statusCode()).as("the model as it was").isEqualTo(200);
    }
  }

  /** How long after the agreement the case's RTO warning timer fires (Northwind Logistics counts every hour). */
  private java.time.Duration warningAfterAgreement(String instance) {
    java.util.Date agreed = (java.util.Date) engine.getRuntimeService().getVariable(instance, "agreedAt");
    org.camunda.bpm.engine.runtime.Job warning = engine.getManagementService().createJobQuery().processInstanceId(instance)
        .activityId("Event_RtoWarning").singleResult();
    return java.time.Duration.ofMillis(warning.getDuedate().getTime() - agreed.getTime()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  /** A case of Gestoría López assessed and agreed over REST, waiting in "Recover data and systems". */
  private String caseWaitingToRecover(EngineRestClient tech, String summary) {
    String instance = tech.post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "Luisa"}, "summary": {"value": "%s"}}}"""
        .formatted(summary)).body().get("id").asText();
    completeOver(tech, instance, """
        {"impactLevel": {"value": "minor"}, "usersAffected": {"value": 2}, "dataLossSuspected": {"value": false},
         "probableCause": {"value": "other"}, "damagedScope": {"value": "NAS share"}}""", 204);
    completeOver(tech, instance, """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 24}, "approach": {"value": "recover"}, "agreedWith": {"value": "Luisa"}}""", 204);
    return instance;
  }

  private JsonNode completeOver(EngineRestClient rest, String instance, String variables, int expected) {
    String task = rest.get("/task?maxResults=1&processInstanceId=" + instance).body().get(0).get("id").asText();
    EngineRestClient.Response answer = rest.post("/task/" + task + "/complete", "{\"variables\": " + variables + "}");
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(expected);
    return answer.body();
  }

  @Test
  void aManagerCannotDeployAModelThatRunsCode() throws Exception {
    Path marker = Path.of(System.getProperty("java.io.tmpdir"), "rebound-model-attack-" + System.nanoTime());
    // as the attacker did: a model whose service task runs a command, started right after deploying it
    String attack = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="AttackDefinitions" targetNamespace="http://rebound.example/attack">
          <bpmn:process id="attack" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="Start"/>
            <bpmn:sequenceFlow id="Flow1" sourceRef="Start" targetRef="Attack"/>
            <bpmn:serviceTask id="Attack" camunda:expression="${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch MARKER')}"/>
            <bpmn:sequenceFlow id="Flow2" sourceRef="Attack" targetRef="End"/>
            <bpmn:endEvent id="End"/>
          </bpmn:process>
        </bpmn:definitions>""".replace("MARKER", marker.toString());
    Map<String, Long> before = EngineState.of(engine);

    HttpResponse<String> refused = Http.send(port, deploy("manager:manager", attack));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("serviceTask 'Attack'", "models may change the flow, not run code",
        "Nothing was deployed");
    Http.assertNoInternals(refused.body());
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(new EngineRestClient(port, "manager").post("/process-definition/key/attack/start", "{}").status())
        .as("there is no such process to start").isEqualTo(404);
    assertThat(marker).as("the command never ran").doesNotExist();
  }

  @Test
  void technicianIsRefusedAndStrangersMustLogIn() throws Exception {
    String diagram = Files.readString(Path.of("bpmn", "disaster-recovery.bpmn")).replace("name=\"Case closed\"", "name=\"Closed by tech\"");
    Map<String, Long> before = EngineState.of(engine);
    HttpResponse<String> tech = Http.send(port, deploy("tech:tech", diagram));
    HttpResponse<String> anonymous = Http.send(port, deploy(null, diagram));
    HttpResponse<String> wrong = Http.send(port, deploy("manager:wrong-password", diagram));

    assertThat(tech.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    Http.assertNoInternals(tech.body() + anonymous.body() + wrong.body());
    assertThat(EngineState.of(engine)).isEqualTo(before);
  }
}
