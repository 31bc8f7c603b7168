package com.rebound.intake;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every client is a world, through the intake API: the same impact at two clients gives two
 * severities; 50 reports at once give 50 consecutive case numbers; a deactivated client opens
 * nothing; and a case whose RTO passes shows the breach while managers get handleRtoBreach.
 */
@ReboundSpringBootTest
class IntakeToBreachTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  private HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
    return ApiCalls.call(port, user, method, path, body);
  }

  private JsonNode report(String client) throws Exception {
    HttpResponse<String> response = call("tech", "POST", "/api/incidents", """
        {"clientId": "%s", "summary": "File server down", "reportedBy": "Office"}""".formatted(client));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private void assess(String instance, String impact, long users) throws Exception {
    String task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("assessImpact").singleResult().getId();
    HttpResponse<String> done = call("tech", "POST", "/engine-rest/task/" + task + "/complete", """
        {"variables": {"impactLevel": {"value": "%s"}, "usersAffected": {"value": %d}, "dataLossSuspected": {"value": false},
         "probableCause": {"value": "other"}, "damagedScope": {"value": "File server"}}}""".formatted(impact, users));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  @Test
  void theSameImpactMeansMoreForTheOfficeThanForTheBricklayer() throws Exception {
    JsonNode bricklayer = report("ladrillos-garcia");
    JsonNode office = report("gestoria-lopez");
    assess(bricklayer.get("processInstanceId").asText(), "major", 3);
    assess(office.get("processInstanceId").asText(), "major", 3);

    JsonNode b = JSON.readTree(call("tech", "GET", "/api/incidents/" + bricklayer.get("caseNumber").asText(), null).body());
    JsonNode o = JSON.readTree(call("tech", "GET", "/api/incidents/" + office.get("caseNumber").asText(), null).body());
    assertThat(b.get("severity").asText()).isEqualTo("SEV3");   // rule 7: key systems down, few people
    assertThat(o.get("severity").asText()).isEqualTo("SEV2");   // rule 4: key systems down at an important client
    assertThat(runtime.getVariable(bricklayer.get("processInstanceId").asText(), "proposedRtoHours")).isEqualTo(48L);
    assertThat(runtime.getVariable(office.get("processInstanceId").asText(), "proposedRtoHours")).isEqualTo(8L);
  }

  @Test
  void fiftyReportsAtOnceGetFiftyConsecutiveCaseNumbers() throws Exception {
    int reports = 50;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> numbers = new ArrayList<>();
    try {
      for (int i = 0; i < reports; i++) {
        Callable<String> report = () -> {
          go.await();
          return report("gestoria-lopez").get("caseNumber").asText();
        };
        numbers.add(pool.submit(report));
      }
      go.countDown();
      Set<Long> sequence = new TreeSet<>();
      for (Future<String> number : numbers) {
        sequence.add(Long.parseLong(number.get().split("-")[2]));
      }
      long first = sequence.iterator().next();
      assertThat(sequence).hasSize(reports).containsExactlyElementsOf(LongStream.range(first, first + reports).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDeactivatedClientOpensNoCase() throws Exception {
    String client = """
        {"id": "cerrado-sl", "name": "Cerrado SL", "sector": "Retail", "userCount": 2, "criticalityTier": "basic",
         "responseTimeMinutes": 240, "rtoHours": 48, "rpoHours": 24,
         "businessHours": {"days": "MON,TUE,WED,THU,FRI", "start": "09:00", "end": "14:00", "timeZone": "Europe/Madrid",
                           "onlyDuringBusinessHours": true},
         "preferredLanguage": "es", "contacts": [{"name": "Eva", "email": "eva@cerrado.example", "agreesObjectives": true}],
         "protections": []}""";
    assertThat(call("manager", "POST", "/api/clients", client).statusCode()).isEqualTo(201);
    assertThat(call("manager", "POST", "/api/clients/cerrado-sl/deactivate", null).statusCode()).isEqualTo(200);
    long cases = runtime.createProcessInstanceQuery().count();

    HttpResponse<String> refused = call("tech", "POST", "/api/incidents", """
        {"clientId": "cerrado-sl", "summary": "Till down", "reportedBy": "Eva"}""");
    HttpResponse<String> viaEngineRest = call("tech", "POST", "/engine-rest/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "cerrado-sl"}, "reportedBy": {"value": "Eva"}, "summary": {"value": "Till down"}}}""");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("clientId").contains("no active client 'cerrado-sl'");
    assertThat(viaEngineRest.statusCode()).isEqualTo(400);
    assertThat(viaEngineRest.body()).contains("there is no active client 'cerrado-sl'");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(cases);
  }

  @Test
  void whenTheRtoPassesTheCaseShowsTheBreachAndManagersHaveHandleRtoBreach() throws Exception {
    JsonNode opened = report("northwind-logistics");   // 24x7 client: plain hours
    String instance = opened.get("processInstanceId").asText();
    String caseNumber = opened.get("caseNumber").asText();
    assess(instance, "partial", 10);
    String agree = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("agreeObjectives").singleResult().getId();
    assertThat(call("tech", "POST", "/engine-rest/task/" + agree + "/complete", """
        {"variables": {"rtoHours": {"value": 4}, "rpoHours": {"value": 1}, "approach": {"value": "recover"},
         "agreedWith": {"value": "Emma Clarke"}}}""").statusCode()).isEqualTo(204);

    JsonNode before = JSON.readTree(call("tech", "GET", "/api/incidents/" + caseNumber, null).body()).get("rto");
    assertThat(before.get("status").asText()).isEqualTo("running");
    assertThat(before.has("deadline")).isTrue();

    Job breach = management.createJobQuery().processInstanceId(instance).activityId("Event_RtoBreach").singleResult();
    ClockUtil.setCurrentTime(new java.util.Date(breach.getDuedate().getTime() + Duration.ofMinutes(1).toMillis()));
    try {
      management.executeJob(breach.getId());
    } catch (ProcessEngineException alreadyDoneByTheJobExecutor) {
      // the job executor saw the moved clock first: the same effect
    }

    // the job executor may be the one running it
    JsonNode after = await("the breach recorded").atMost(Duration.ofSeconds(10))
        .until(() -> JSON.readTree(call("manager", "GET", "/api/incidents/" + caseNumber, null).body()), page -> page.get("rto").has("breachedAt"));
    assertThat(after.get("rto").get("status").asText()).isEqualTo("breached");
    assertThat(after.get("rto").get("breachedByMinutes").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(after.get("rto").has("breachedAt")).isTrue();
    assertThat(after.get("currentSteps")).extracting(s -> s.get("step").asText()).contains("recover", "handleRtoBreach");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("handleRtoBreach").taskCandidateGroup("managers")
        .count()).isEqualTo(1);
  }
}
