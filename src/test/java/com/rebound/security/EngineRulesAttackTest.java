package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rebound.ReboundSpringBootTest;
import com.rebound.security.Http.Attempt;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The security probe's attacks, each tried again by its route and by variants: every one is refused by the
 * engine (not by a door), and afterwards nothing changed: no file written, no case, step, variable, job,
 * deployment or history touched, no mail queued.
 */
@ReboundSpringBootTest
class EngineRulesAttackTest {

  private static final String RUN = "''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch %s')";
  private static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          xmlns:activiti="http://activiti.org/bpmn" id="d" targetNamespace="http://rebound.example/attack">
        <bpmn:process id="attack" isExecutable="true" camunda:historyTimeToLive="1">
          %s
        </bpmn:process>
      </bpmn:definitions>""";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @TempDir
  Path folder;
  Path marker;
  String instance;
  Task assessment;

  @BeforeEach
  void aCaseWaitingForItsAssessment() throws Exception {
    marker = folder.resolve("pwned");
    instance = engine.getRuntimeService().startProcessInstanceByKey("disasterRecovery",
        Variables.createVariables().putValue("clientId", "gestoria-lopez").putValue("reportedBy", "Luisa")
            .putValue("summary", "Server room flooded")).getId();
    assessment = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
  }

  static Stream<String> codeThroughAModel() {
    return Stream.of(
        // an XML comment, CDATA, a processing instruction or a character reference splitting the expression
        "<bpmn:startEvent id='s'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='t'/>"
            + "<bpmn:userTask id='t'><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name='x'>"
            + "$<!-- -->{" + RUN + "}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>",
        "<bpmn:startEvent id='s'/><bpmn:exclusiveGateway id='g'/><bpmn:endEvent id='e'/>"
            + "<bpmn:sequenceFlow id='f0' sourceRef='s' targetRef='g'/><bpmn:sequenceFlow id='f' sourceRef='g' targetRef='e'>"
            + "<bpmn:conditionExpression>$<![CDATA[{]]>" + RUN + "}</bpmn:conditionExpression></bpmn:sequenceFlow>",
        "<bpmn:startEvent id='s'><bpmn:timerEventDefinition><bpmn:timeDate>$<!-- -->{" + RUN
            + "}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>",
        "<bpmn:startEvent id='s'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='t'/>"
            + "<bpmn:serviceTask id='t' camunda:expression='&#36;{" + RUN + "}'/>",
        "<bpmn:startEvent id='s'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='t'/>"
            + "<bpmn:userTask id='t'><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name='x'>"
            + "$<?pi x?>{" + RUN + "}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>",
        // a Java class on a listener of a sequence flow, on a task's timeout listener, as a form handler
        "<bpmn:startEvent id='s'/><bpmn:endEvent id='e'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='e'>"
            + "<bpmn:extensionElements><camunda:executionListener event='take' class='java.lang.Object'/></bpmn:extensionElements>"
            + "</bpmn:sequenceFlow>",
        "<bpmn:startEvent id='s'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='t'/><bpmn:userTask id='t'>"
            + "<bpmn:extensionElements><camunda:taskListener event='timeout' id='late' class='java.lang.Object'>"
            + "<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>"
            + "</camunda:taskListener></bpmn:extensionElements></bpmn:userTask>",
        "<bpmn:startEvent id='s' camunda:formHandlerClass='java.lang.Object'/>",
        // the legacy namespace's Java class, and a script condition on a conditional event
        "<bpmn:startEvent id='s'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='t'/>"
            + "<bpmn:serviceTask id='t' activiti:class='java.lang.Object'/>",
        "<bpmn:startEvent id='s'/><bpmn:sequenceFlow id='f' sourceRef='s' targetRef='c'/><bpmn:intermediateCatchEvent id='c'>"
            + "<bpmn:conditionalEventDefinition><bpmn:condition xsi:type='bpmn:tFormalExpression' language='javascript' "
            + "xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>java.lang.Runtime.getRuntime()</bpmn:condition>"
            + "</bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>");
  }

  @ParameterizedTest
  @MethodSource("codeThroughAModel")
  void aManagerCannotDeployCodeHoweverTheXmlIsWritten(String body) throws Exception {
    Map<String, Long> before = EngineState.of(engine);
    String bpmn = PROCESS.formatted(body.replace('\'', '"').replace("%s", marker.toString()));

    HttpResponse<String> answer = deploy("manager:manager", "attack.bpmn", bpmn);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("models may change the flow, not run code");
    Http.assertNoInternals(answer.body());
    assertThat(marker).doesNotExist();
    assertThat(EngineState.of(engine)).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"case.cmmn", "case.cmmn11.xml", "run.groovy", "run.js", "notes.txt"})
  void onlyModelsFormsAndImagesAreDeployed_noCmmnNoScripts(String file) throws Exception {
    Map<String, Long> before = EngineState.of(engine);
    HttpResponse<String> answer = deploy("manager:manager", file, """
        <definitions xmlns="http://www.omg.org/spec/CMMN/20151109/MODEL" id="d" targetNamespace="x"><case id="c"/></definitions>""");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("BPMN (.bpmn), DMN (.dmn), Camunda Forms (.form)");
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isCmmnEnabled()).isFalse();
    assertThat(Http.send(port, Http.attempt("", "tech:tech", "POST", "/engine-rest/case-definition/key/c/create", "{}", 0))
        .statusCode()).isIn(400, 403, 404);
  }

  /** What the deployment check would miss is still refused where the expression is evaluated. */
  @ParameterizedTest
  @ValueSource(strings = {"${" + RUN + "}", "${execution.getProcessEngineServices().getRuntimeService()}",
      "${execution.processEngineServices}", "${caseClocks.class}", "${caseClocks.getClass()}", "${summary.getClass()}",
      "${summary.bytes}", "${caseClocks.rtoShare.getClass()}", "${dataSource.password}", "${systemEnvironment}",
      "${systemProperties['user.home']}", "${environment.getProperty('spring.datasource.password')}",
      "${reboundApplication}", "${jdbcTemplate.queryForList('SELECT * FROM ACT_ID_USER')}"})
  void theEngineRefusesAtEvaluationWhatNoModelMayDo(String attack) {
    String expression = attack.replace("%s", marker.toString());
    Map<String, Long> before = EngineState.of(engine);

    assertThatThrownBy(() -> evaluate(expression)).as(expression).isInstanceOf(RuntimeException.class);

    assertThat(marker).doesNotExist();
    assertThat(EngineState.of(engine)).isEqualTo(before);
  }

  @Test
  void whatTheModelsDoStillEvaluates() {
    assertThat(evaluate("${clientId}")).isEqualTo("gestoria-lopez");
    assertThat(evaluate("${execution.getVariable('clientId') == 'gestoria-lopez' ? 'yes' : 'no'}")).isEqualTo("yes");
    assertThat(evaluate("${caseClocks.responseDeadline(execution)}")).isNotNull();
    assertThat(evaluate("${notifyCaseOpened}")).isNotNull();
  }

  @Test
  void submittingAFormWritesOnlyTheStepsFields_asCompletingDoes() throws Exception {
    Map<String, Long> before = EngineState.of(engine);
    for (String path : new String[] {"/engine-rest/task/" + assessment.getId() + "/submit-form",
        "/engine-rest/process-definition/key/disasterRecovery/submit-form"}) {
      HttpResponse<String> answer = Http.send(port, Http.attempt(path, "tech:tech", "POST", path, """
          {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "x"}, "summary": {"value": "x"},
           "impactLevel": {"value": "minor"}, "usersAffected": {"value": 1}, "dataLossSuspected": {"value": false},
           "probableCause": {"value": "hardware"}, "damagedScope": {"value": "NAS"},
           "clientAccepted": {"value": true}, "contractRtoHours": {"value": 9999}, "taskPriority": {"value": 100}}}""", 400));
      assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(400);
      assertThat(answer.body()).contains("may set only its own fields");
    }
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getRuntimeService().getVariable(instance, "contractRtoHours")).isNotEqualTo(9999L);
    assertThat(engine.getTaskService().createTaskQuery().taskId(assessment.getId()).count()).isEqualTo(1);
  }

  @Test
  void aManagerCannotSuspendACase() throws Exception {
    for (Attempt attempt : new Attempt[] {
        Http.attempt("one", "manager:manager", "PUT", "/engine-rest/process-instance/" + instance + "/suspended",
            "{\"suspended\": true}", 403),
        Http.attempt("by key", "manager:manager", "PUT", "/engine-rest/process-instance/suspended",
            "{\"processDefinitionKey\": \"disasterRecovery\", \"suspended\": true}", 403)}) {
      HttpResponse<String> answer = Http.send(port, attempt);
      assertThat(answer.statusCode()).as("%s: %s", attempt.name(), answer.body()).isEqualTo(403);
    }
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).active().count()).isEqualTo(1);
  }

  @Test
  void aTechnicianCannotEndACaseWithABpmnErrorOrAnEscalation() throws Exception {
    Map<String, Long> before = EngineState.of(engine);
    for (String route : new String[] {"bpmnError", "bpmnEscalation"}) {
      HttpResponse<String> answer = Http.send(port, Http.attempt(route, "tech:tech", "POST",
          "/engine-rest/task/" + assessment.getId() + "/" + route, """
              {"errorCode": "x", "escalationCode": "x", "variables": {"severity": {"value": "SEV1"}}}""", 403));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
      assertThat(answer.body()).contains("not caught");
    }
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getRuntimeService().getVariable(instance, "severity")).isNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo("assessImpact");
  }

  @Test
  void aManagerCannotMoveACaseByMigration() throws Exception {
    String definition = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
        .getProcessDefinitionId();
    Map<String, Long> before = EngineState.of(engine);
    HttpResponse<String> answer = Http.send(port, Http.attempt("migrate", "manager:manager", "POST", "/engine-rest/migration/execute", """
        {"migrationPlan": {"sourceProcessDefinitionId": "%1$s", "targetProcessDefinitionId": "%1$s",
          "instructions": [{"sourceActivityIds": ["assessImpact"], "targetActivityIds": ["agreeObjectives"]}]},
         "processInstanceIds": ["%2$s"], "skipCustomListeners": true}""".formatted(definition, instance), 403));
    assertThat(answer.statusCode()).as(answer.body()).isIn(400, 403);
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey())
        .isEqualTo("assessImpact");
  }

  @Test
  void aManagerCannotEraseCasesOrTheirHistory() throws Exception {
    String deployment = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("disasterRecovery")
        .latestVersion().singleResult().getDeploymentId();
    Map<String, Long> before = EngineState.of(engine);
    for (Attempt attempt : new Attempt[] {
        Http.attempt("cascade", "manager:manager", "DELETE", "/engine-rest/deployment/" + deployment + "?cascade=true", null, 403),
        Http.attempt("instance", "manager:manager", "DELETE", "/engine-rest/process-instance/" + instance, null, 403),
        Http.attempt("history", "manager:manager", "DELETE", "/engine-rest/history/process-instance/" + instance, null, 403),
        Http.attempt("log", "manager:manager", "POST", "/engine-rest/process-instance/delete",
            "{\"processInstanceIds\": [\"" + instance + "\"]}", 403)}) {
      HttpResponse<String> answer = Http.send(port, attempt);
      assertThat(answer.statusCode()).as("%s: %s", attempt.name(), answer.body()).isIn(400, 403);
    }
    assertThat(EngineState.of(engine)).isEqualTo(before);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);
  }

  @Test
  void aManagerCannotRunOrSilenceACaseTimer() throws Exception {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance).timers().list().get(0);
    int messages = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox", Integer.class);
    for (Attempt attempt : new Attempt[] {
        Http.attempt("execute", "manager:manager", "POST", "/engine-rest/job/" + timer.getId() + "/execute", null, 403),
        Http.attempt("retries", "manager:manager", "PUT", "/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\": 0}", 403),
        Http.attempt("due", "manager:manager", "PUT", "/engine-rest/job/" + timer.getId() + "/duedate", "{\"duedate\": null}", 403)}) {
      HttpResponse<String> answer = Http.send(port, attempt);
      assertThat(answer.statusCode()).as("%s: %s", attempt.name(), answer.body()).isEqualTo(403);
      assertThat(answer.body()).as(attempt.name()).contains("Only an administrator may run a case's timers");
      assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult().getRetries()).as(attempt.name())
          .isEqualTo(timer.getRetries());
    }
    Job after = engine.getManagementService().createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(timer.getRetries());
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox", Integer.class)).isEqualTo(messages);
  }

  @Test
  void aTechnicianCannotRenameOrRedateAStep_butClaimsIt() throws Exception {
    String path = "/engine-rest/task/" + assessment.getId();
    HttpResponse<String> renamed = Http.send(port, Http.attempt("rename", "tech:tech", "PUT", path, """
        {"name": "URGENT: re-enter your password at https://evil.example", "priority": 100, "due": "2030-01-01T00:00:00.000+0000"}""",
        403));
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(403);
    Task after = engine.getTaskService().createTaskQuery().taskId(assessment.getId()).singleResult();
    assertThat(after.getName()).isEqualTo(assessment.getName());
    assertThat(after.getPriority()).isEqualTo(assessment.getPriority());
    assertThat(after.getDueDate()).isEqualTo(assessment.getDueDate());

    assertThat(Http.send(port, Http.attempt("claim", "tech:tech", "POST", path + "/claim", "{\"userId\": \"tech\"}", 204))
        .statusCode()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(assessment.getId()).singleResult().getAssignee()).isEqualTo("tech");
  }

  @Test
  void aTrailingSlashOrAnotherSpellingWritesNothingMore() throws Exception {
    for (String suffix : new String[] {"/complete/", "/submit-form/", "/complete;x=1", "/%63omplete"}) {
      HttpResponse<String> answer = Http.send(port, Http.attempt(suffix, "tech:tech", "POST",
          "/engine-rest/task/" + assessment.getId() + suffix, """
              {"variables": {"clientName": {"value": "Evil Corp"}, "contractRtoHours": {"value": 9999}}}""", 400));
      assertThat(answer.statusCode()).as("%s: %s", suffix, answer.body()).isIn(400, 403, 404);
    }
    assertThat(engine.getRuntimeService().getVariable(instance, "clientName")).isNotEqualTo("Evil Corp");
    assertThat(engine.getTaskService().createTaskQuery().taskId(assessment.getId()).count()).isEqualTo(1);
  }

  @Test
  void anOversizedBodyOfUnstatedLengthIsA413() throws Exception {
    Map<String, Long> before = EngineState.of(engine);
    byte[] body = utf8("{\"variables\": {\"clientId\": {\"value\": \"gestoria-lopez\"}, \"summary\": {\"value\": \""
        + "x".repeat(11 * 1024 * 1024) + "\"}}}");
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
            + "/engine-rest/process-definition/key/disasterRecovery/start"))
        .version(java.net.http.HttpClient.Version.HTTP_1_1).header("Content-Type", "application/json")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(utf8("tech:tech")))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();

    HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
    assertThat(EngineState.of(engine)).isEqualTo(before);
  }

  private Object evaluate(String text) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Expression expression = configuration.getExpressionManager().createExpression(text);
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance);
      return expression.getValue(execution);
    });
  }

  private HttpResponse<String> deploy(String credentials, String file, String content) throws Exception {
    String boundary = "----ReboundAttack";
    return Http.send(port, new Attempt("deploy", credentials, "POST", "/engine-rest/deployment/create",
        "multipart/form-data; boundary=" + boundary, Http.modelerDeployment(boundary, "attack", file, content), 400));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
