package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.EngineRestClient;
import com.rebound.ReboundSpringBootTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The attacks on the case record: a technician completing a step with variables the step does not
 * ask for (severity, acceptance rounds, the client's answer, the client), or writing variables
 * directly. Each is refused, naming the variable, and nothing changes.
 */
@ReboundSpringBootTest
class StepWritesTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  private String openCaseAt(String step) {
    EngineRestClient tech = new EngineRestClient(port, "tech");
    String instance = tech.post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "northwind-logistics"}, "reportedBy": {"value": "Emma"}, "summary": {"value": "SAN down"}}}""")
        .body().get("id").asText();
    Map<String, String> walk = Map.of(
        "assessImpact", """
            {"impactLevel": {"value": "total"}, "usersAffected": {"value": 180}, "dataLossSuspected": {"value": true},
             "probableCause": {"value": "other"}, "damagedScope": {"value": "SAN"}}""",
        "agreeObjectives", """
            {"rtoHours": {"value": 4}, "rpoHours": {"value": 1}, "approach": {"value": "recover"}, "agreedWith": {"value": "Emma"}}""",
        "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}, \"recoveryNotes\": {\"value\": \"a field of the form only\"}}",
        "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}}");
    for (String next : java.util.List.of("assessImpact", "agreeObjectives", "recover", "verifyInternally")) {
      if (next.equals(step)) {
        return instance;
      }
      complete("admin", instance, next, walk.get(next), 204);
    }
    return instance;
  }

  private EngineRestClient.Response complete(String user, String instance, String step, String variables, int expected) {
    EngineRestClient rest = new EngineRestClient(port, user);
    String task = rest.get("/task?maxResults=1&processInstanceId=" + instance + "&taskDefinitionKey=" + step).body().get(0)
        .get("id").asText();
    EngineRestClient.Response answer = rest.post("/task/" + task + "/complete", "{\"variables\": " + variables + "}");
    assertThat(answer.status()).as("%s %s: %s", user, step, answer.body()).isEqualTo(expected);
    return answer;
  }

  @Test
  void aStepCannotWriteWhatRebound_keeps() {
    String instance = openCaseAt("agreeObjectives");
    Object severity = engine.getRuntimeService().getVariable(instance, "severity");
    Map<String, Long> before = EngineState.of(engine);

    EngineRestClient.Response downgraded = complete("manager", instance, "agreeObjectives", """
        {"rtoHours": {"value": 4}, "rpoHours": {"value": 1}, "approach": {"value": "recover"}, "agreedWith": {"value": "Emma"},
         "severity": {"value": "SEV4"}, "acceptanceRounds": {"value": -10, "type": "Long"}, "clientId": {"value": "gestoria-lopez"}}""",
        400);

    assertThat(downgraded.body().get("message").asText()).contains("'agreeObjectives' may set only its own fields",
        "not acceptanceRounds, clientId, severity", "Nothing was changed");
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getRuntimeService().getVariable(instance, "severity")).isEqualTo(severity);
  }

  @Test
  void aStepTheCallerCannotSeeIsRefusedByTheEngineWithoutDescribingIt() {
    String instance = openCaseAt("agreeObjectives");
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    Map<String, Long> before = EngineState.of(engine);

    // agreeing the objectives is the managers' step: a technician neither sees it nor learns its fields from a refusal
    EngineRestClient.Response refused = new EngineRestClient(port, "tech").post("/task/" + task + "/complete", """
        {"variables": {"severity": {"value": "SEV4"}, "rtoHours": {"value": 4}}}""");

    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
    assertThat(refused.body().toString()).doesNotContain("agreeObjectives", "may set only", "rpoHours");
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).isEqualTo(1);
  }

  @Test
  void aTechnicianCannotFakeTheClientsAnswer() {
    String instance = openCaseAt("clientAcceptance");
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    Map<String, Long> before = EngineState.of(engine);

    EngineRestClient.Response local = new EngineRestClient(port, "tech").put("/task/" + task + "/localVariables/answeredByClientLink",
        "{\"value\": true}");
    EngineRestClient.Response faked = complete("tech", instance, "clientAcceptance", """
        {"clientAccepted": {"value": true}, "clientAnsweredVia": {"value": "link"}, "clientAnsweredBy": {"value": "Sr. García"}}""",
        400);

    assertThat(local.status()).isEqualTo(403);
    assertThat(faked.body().get("message").asText()).contains("not clientAnsweredBy, clientAnsweredVia");
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getTaskService().getVariablesLocal(task)).doesNotContainKey("answeredByClientLink");
  }

  @Test
  void whoAnsweredIsTheRoundsRecordNotAVariable() {
    String instance = openCaseAt("clientAcceptance");
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    EngineRestClient admin = new EngineRestClient(port, "admin");
    // even the variables an administrator may write directly do not make an answer the client's
    assertThat(admin.put("/task/" + task + "/localVariables/answeredByClientLink", "{\"value\": true}").status()).isEqualTo(204);
    assertThat(admin.post("/process-instance/" + instance + "/variables", """
        {"modifications": {"clientAnsweredVia": {"value": "link"}, "clientAnsweredBy": {"value": "Sr. García"}}}""").status())
        .isEqualTo(204);

    complete("tech", instance, "clientAcceptance", "{\"clientAccepted\": {\"value\": true}}", 204);

    Map<String, Object> round = jdbc.queryForMap("SELECT closed_by, closed_via FROM rebound_client_round WHERE process_instance_id = ?",
        instance);
    assertThat(round.get("closed_by")).isEqualTo("tech");
    assertThat(round.get("closed_via")).isEqualTo("tasklist");
    assertThat(engine.getRuntimeService().getVariable(instance, "clientAnsweredVia")).isEqualTo("tasklist");
    assertThat(engine.getRuntimeService().getVariable(instance, "clientAnsweredBy")).isEqualTo("tech");
  }

  @Test
  void aHugeTextOrAnObjectForATextIsRefusedNamingTheField() {
    String instance = openCaseAt("recover");
    Map<String, Long> before = EngineState.of(engine);

    EngineRestClient.Response huge = complete("tech", instance, "recover",
        "{\"recoveryOutcome\": {\"value\": \"done\"}, \"recoveryNotes\": {\"value\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}}", 400);
    EngineRestClient.Response object = complete("tech", instance, "recover",
        "{\"recoveryOutcome\": {\"value\": {\"done\": true}}}", 400);

    assertThat(huge.body().get("message").asText()).contains("recoveryNotes", "at most 4000 characters", "Nothing was changed");
    assertThat(object.body().get("message").asText()).contains("recoveryOutcome");
    assertThat(EngineState.of(engine)).isEqualTo(before);
  }

  @Test
  void aStaffAddressIsAPlainAddressOnly() {
    EngineRestClient admin = new EngineRestClient(port, "admin");
    EngineRestClient.Response hidden = admin.put("/user/tech/profile", """
        {"id": "tech", "firstName": "Tomás", "lastName": "Technician", "email": "\\"evil@attacker.example,\\"@rebound.invalid"}""");
    EngineRestClient.Response created = admin.post("/user/create", """
        {"profile": {"id": "newtech", "firstName": "N", "lastName": "T", "email": "N T <n@rebound.invalid>"},
         "credentials": {"password": "a-long-password-1"}}""");

    assertThat(hidden.status()).isEqualTo(400);
    assertThat(hidden.body().get("message").asText()).startsWith("email: must be a plain address");
    assertThat(created.status()).isEqualTo(400);
    assertThat(engine.getIdentityService().createUserQuery().userId("tech").singleResult().getEmail()).isEqualTo("tech@rebound.invalid");
    assertThat(engine.getIdentityService().createUserQuery().userId("newtech").count()).isZero();
  }

  @Test
  void variablesAreWrittenDirectlyOnlyByAnAdministrator() {
    String instance = openCaseAt("agreeObjectives");
    for (String user : new String[] {"tech", "manager"}) {
      EngineRestClient.Response refused = new EngineRestClient(port, user)
          .put("/process-instance/" + instance + "/variables/agreedAt", "{\"value\": \"9999-12-31T00:00:00.000+0000\", \"type\": \"Date\"}");
      assertThat(refused.status()).as(user).isEqualTo(403);
      EngineRestClient.Response modified = new EngineRestClient(port, user)
          .post("/process-instance/" + instance + "/variables", "{\"modifications\": {\"clientId\": {\"value\": \"gestoria-lopez\"}}}");
      assertThat(modified.status()).as(user).isEqualTo(403);
    }
    assertThat(engine.getRuntimeService().getVariable(instance, "clientId")).isEqualTo("northwind-logistics");
    assertThat(new EngineRestClient(port, "admin").put("/process-instance/" + instance + "/variables/repairNote",
        "{\"value\": \"fixed by the administrator\"}").status()).isEqualTo(204);
  }

  @Test
  void aCaseStartsWithTheStartFieldsOnly() {
    long cases = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
    EngineRestClient.Response refused = new EngineRestClient(port, "tech").post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "x"}, "summary": {"value": "x"},
         "severity": {"value": "SEV4"}, "caseNumber": {"value": "DR-2026-0001"}}}""");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("message").asText()).contains("'start' may set only its own fields", "not caseNumber, severity");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(cases);
  }
}
