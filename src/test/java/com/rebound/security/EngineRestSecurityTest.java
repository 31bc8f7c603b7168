package com.rebound.security;

import static com.rebound.security.Http.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import com.rebound.security.Http.Attempt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The door {@code /engine-rest}: a table of attempts, each with the status it must get, an answer
 * without stack traces or SQL, and an engine left exactly as it was.
 */
@ReboundSpringBootTest
class EngineRestSecurityTest {

  private static final String START = "/engine-rest/process-definition/key/disasterRecovery/start";
  private static final String VALID_START = """
      {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "Luisa"}, "summary": {"value": "NAS down"}}}""";
  private static final String ASSESSMENT_TASK = "{assessmentTask}";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  String assessmentTask;

  static Stream<Attempt> attempts() {
    String twentyMegabytes = "{\"variables\": {\"summary\": {\"value\": \"" + "x".repeat(20 * 1024 * 1024) + "\"}}}";
    String boundary = "----RebounTestBoundary";
    byte[] deployment = Http.modelerDeployment(boundary, "sneaky", "sneaky.bpmn", "<definitions/>");
    return Stream.of(
        attempt("anonymous reads tasks", null, "GET", "/engine-rest/task?maxResults=10", null, 401),
        attempt("anonymous starts a case", null, "POST", START, VALID_START, 401),
        attempt("wrong password", "tech:not-his-password", "POST", START, VALID_START, 401),
        attempt("unknown user", "nobody:secret", "GET", "/engine-rest/task?maxResults=10", null, 401),
        attempt("garbage credentials", "raw:Basic !!!not-base64!!!", "GET", "/engine-rest/task?maxResults=10", null, 401),
        new Attempt("technician deploys a diagram (manager needed)", "tech:tech", "POST", "/engine-rest/deployment/create",
            "multipart/form-data; boundary=" + boundary, deployment, 403),
        attempt("technician creates a user (admin needed)", "tech:tech", "POST", "/engine-rest/user/create",
            "{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": \"intruder\"}}", 403),
        attempt("manager creates a user (admin needed)", "manager:manager", "POST", "/engine-rest/user/create",
            "{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": \"intruder\"}}", 403),
        attempt("manager grants himself rights (admin needed)", "manager:manager", "POST", "/engine-rest/authorization/create",
            "{\"type\": 1, \"permissions\": [\"ALL\"], \"userId\": \"manager\", \"resourceType\": 4, \"resourceId\": \"*\"}", 403),
        attempt("malformed JSON", "tech:tech", "POST", START, "{\"variables\": {", 400),
        attempt("wrong variable type for the contract", "tech:tech", "POST", "/engine-rest/task/" + ASSESSMENT_TASK + "/complete", """
            {"variables": {"impactLevel": {"value": "major"}, "usersAffected": {"value": "many"}, "dataLossSuspected": {"value": true},
             "probableCause": {"value": "hardware"}, "damagedScope": {"value": "NAS"}}}""", 400),
        attempt("value that does not fit its declared type", "tech:tech", "POST", "/engine-rest/task/" + ASSESSMENT_TASK + "/complete",
            "{\"variables\": {\"usersAffected\": {\"value\": \"abc\", \"type\": \"Long\"}}}", 400),
        attempt("Java-serialized variable", "tech:tech", "POST", START, """
            {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "y"}, "summary": {"value": "z"},
             "payload": {"value": "rO0ABXQABGFiY2Q=", "type": "Object",
               "valueInfo": {"objectTypeName": "java.lang.String", "serializationDataFormat": "application/x-java-serialized-object"}}}}""", 400),
        attempt("a 20 MB body", "tech:tech", "POST", START, twentyMegabytes, 413),
        attempt("maxResults=1000000", "tech:tech", "GET", "/engine-rest/task?maxResults=1000000", null, 400),
        attempt("a query without a page size", "manager:manager", "GET", "/engine-rest/history/process-instance", null, 400));
  }

  @BeforeEach
  void aCaseWaitingForItsAssessment() {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("disasterRecovery",
        Variables.createVariables().putValue("clientId", "ladrillos-garcia").putValue("reportedBy", "Juan")
            .putValue("summary", "Laptop dead")).getId();
    assessmentTask = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attempts")
  void refusedAttemptsGetTheirStatusRevealNothingAndChangeNothing(Attempt attempt) throws Exception {
    Attempt sent = new Attempt(attempt.name(), attempt.credentials(), attempt.method(),
        attempt.path().replace(ASSESSMENT_TASK, assessmentTask), attempt.contentType(), attempt.body(), attempt.expected());
    Map<String, Long> before = EngineState.of(engine);

    HttpResponse<String> response = Http.send(port, sent);

    assertThat(response.statusCode()).as("%s: %s", attempt.name(), response.body()).isEqualTo(attempt.expected());
    Http.assertNoInternals(response.body());
    assertThat(response.body()).as("an answer a person can act on").isNotBlank();
    assertThat(EngineState.of(engine)).as("engine after '%s'", attempt.name()).isEqualTo(before);
    if (response.statusCode() == 401) {
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }
  }

  @Test
  void aContractViolationNamesTheFieldAndWhy() throws Exception {
    HttpResponse<String> response = Http.send(port, attempt("", "tech:tech", "POST", "/engine-rest/task/" + assessmentTask + "/complete", """
        {"variables": {"impactLevel": {"value": "apocalyptic"}, "usersAffected": {"value": "many"}}}""", 400));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"type\":\"ProcedureContractException\"")
        .contains("usersAffected must be a whole number, got 'many'")
        .contains("impactLevel must be one of major, minor, partial, total")
        .contains("damagedScope is required");
  }

  @Test
  void onlyTheEngineListIsOpen() throws Exception {
    HttpResponse<String> engines = Http.send(port, attempt("", null, "GET", "/engine-rest/engine", null, 200));
    assertThat(engines.statusCode()).isEqualTo(200);
    assertThat(engines.body()).contains("default");
    for (String path : Arrays.asList("/engine-rest/process-definition?maxResults=5", "/engine-rest/deployment?maxResults=0",
        "/engine-rest/user?maxResults=5", "/engine-rest/history/process-instance?maxResults=5")) {
      assertThat(Http.send(port, attempt("", null, "GET", path, null, 401)).statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void restAnswersCarrySecurityHeaders() throws Exception {
    HttpResponse<String> response = Http.send(port, attempt("", "tech:tech", "GET", "/engine-rest/task?maxResults=1", null, 200));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(new String(response.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).startsWith("[");
  }
}
