package com.rebound.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.EngineRestClient;
import com.rebound.ReboundWithMail;
import com.rebound.SecondTechnician;
import com.rebound.acceptance.MailRoom;
import com.rebound.CaseSteps;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A review's action items are tracked to done: three items become three tracked items with their owners
 * (two Rebound users, one of the client's contacts), each told by mail; the reminder the day before and the
 * overdue mail arrive once (GreenMail, the clock moved, the timers fired by the test); only the owner or a
 * manager closes an item, once; bad items are refused with the item and field and nothing is kept; the
 * report shows the closed ones.
 */
class ActionItemsTest extends ReboundWithMail {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;
  @Autowired
  IdentityService identity;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  CaseSteps steps;

  @BeforeEach
  void setUp() {
    steps = new CaseSteps(port, ENGINE, runtime, tasks);
    SecondTechnician.ensure(identity);
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().shutdown();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().start();
  }

  @Test
  void threeItemsAreTrackedWithTheirOwners_toldRemindedAndOverdueOnce_closedOnceByTheirOwnerOrAManager() throws Exception {
    LocalDate today = LocalDate.now(MADRID);
    String caseNumber = reviewedCase(today);
    String a1 = caseNumber + "-A1";
    String a2 = caseNumber + "-A2";
    String a3 = caseNumber + "-A3";

    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT id, owner, owner_user, owner_email, due_date, state FROM rebound_action_item WHERE case_number = ? ORDER BY id", caseNumber);
    assertThat(rows).extracting(r -> r.get("id") + " " + r.get("owner") + " " + r.get("owner_user") + " " + r.get("owner_email")
        + " " + r.get("state")).containsExactly(
        a1 + " Tomás Technician tech null open", a2 + " Tina Torres tina null open", a3 + " Luisa López null luisa@gestorialopez.example open");
    assertThat(itemTask(a1).getAssignee()).isEqualTo("tech");
    assertThat(itemTask(a2).getAssignee()).isEqualTo("tina");
    assertThat(itemTask(a3).getAssignee()).as("a contact's item is followed up by the managers").isNull();
    assertThat(tasks.createTaskQuery().taskCandidateGroup("managers").processDefinitionKey(ActionItemVariables.PROCESS_KEY).list())
        .as("the managers' queue has the contact's item, not the technicians'").extracting(Task::getProcessInstanceId)
        .containsExactly(itemTask(a3).getProcessInstanceId());

    MimeMessage toTech = MAIL.await("assigned to tech", m -> MailRoom.subject(m).equals("[" + caseNumber + "] Action item for you: Monitor the disks"));
    assertThat(MailRoom.to(toTech)).containsExactly("tech@rebound.invalid");
    MAIL.await("assigned to tina", m -> MailRoom.subject(m).equals("[" + caseNumber + "] Action item for you: Test a restore every month"));
    MimeMessage toLuisa = MAIL.await("assigned to the contact, in Spanish",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] Acción a su cargo: Buy a UPS"));
    assertThat(MailRoom.to(toLuisa)).containsExactly("luisa@gestorialopez.example");
    assertThat(MailRoom.html(toLuisa)).contains("Tras revisar este incidente", "Buy a UPS", "Luisa López");

    // the day before tina's item is due, 08:01 in Madrid: only its reminder is due; fired twice, it is sent once
    moveClockTo(today.plusDays(2).atTime(8, 1));
    assertThat(fireDueItemTimers()).containsExactly("Event_DueTomorrow");
    assertThat(fireDueItemTimers()).as("each timer fires once").isEmpty();
    MAIL.await("due tomorrow", m -> MailRoom.subject(m).equals("[" + caseNumber + "] Due tomorrow: Test a restore every month"));
    // two days on: tina's item is overdue, the contact's is due tomorrow
    moveClockTo(today.plusDays(4).atTime(8, 1));
    assertThat(fireDueItemTimers()).containsExactlyInAnyOrder("Event_Overdue", "Event_DueTomorrow");
    MAIL.await("overdue", m -> MailRoom.subject(m).equals("[" + caseNumber + "] Overdue: Test a restore every month"));
    MAIL.await("due tomorrow, in Spanish", m -> MailRoom.subject(m).equals("[" + caseNumber + "] Vence mañana: Buy a UPS"));
    Thread.sleep(1000);
    for (String subject : List.of("Action item for you: Test a restore every month", "Due tomorrow: Test a restore every month",
        "Overdue: Test a restore every month", "Vence mañana: Buy a UPS")) {
      assertThat(MAIL.all().stream().filter(m -> MailRoom.subject(m).equals("[" + caseNumber + "] " + subject)).count())
          .as("'%s' arrives once", subject).isEqualTo(1);
    }
    assertThat(item("manager", a2).get("overdue").asBoolean()).isTrue();

    // only its owner or a manager closes an item, once
    HttpResponse<String> notHis = ApiCalls.call(port, "tech", "POST", "/api/action-items/" + a2 + "/close", "{\"outcome\": \"done\"}");
    assertThat(notHis.statusCode()).as(notHis.body()).isEqualTo(403);
    assertThat(notHis.body()).contains("Tina Torres", "only its owner or a manager");
    EngineRestClient.Response notHisInTasklist = EngineRestClient.ofEngine(port, "tech", ENGINE)
        .post("/task/" + itemTask(a3).getId() + "/complete", "{\"variables\": {\"itemOutcome\": {\"value\": \"done\"}}}");
    assertThat(notHisInTasklist.status()).as(String.valueOf(notHisInTasklist.body())).isIn(403, 404);
    HttpResponse<String> done = ApiCalls.call(port, "tina", "POST", "/api/action-items/" + a2 + "/close",
        "{\"outcome\": \"done\", \"reason\": \"SMART alerts set on both NAS\"}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    JsonNode closed = JSON.readTree(done.body());
    assertThat(closed.get("state").asText()).isEqualTo("done");
    assertThat(closed.get("doneNote").asText()).as("what was done, said when closing").isEqualTo("SMART alerts set on both NAS");
    assertThat(closed.hasNonNull("dropReason")).as("no reason why not: it was done").isFalse();
    assertThat(closed.get("closedBy").asText()).isEqualTo("tina");
    assertThat(closed.get("closedAt").asText()).as("when, by the (moved) clock: 08:01 in Madrid is 07:01 UTC the same day")
        .startsWith(today.plusDays(4).toString());
    HttpResponse<String> again = ApiCalls.call(port, "manager", "POST", "/api/action-items/" + a2 + "/close", "{\"outcome\": \"done\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already closed", "done by tina");

    // a manager drops the contact's item in Tasklist: the reason is required
    EngineRestClient manager = EngineRestClient.ofEngine(port, "manager", ENGINE);
    EngineRestClient.Response noReason = manager.post("/task/" + itemTask(a3).getId() + "/complete",
        "{\"variables\": {\"itemOutcome\": {\"value\": \"dropped\"}}}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().toString()).contains("dropReason is required");
    assertThat(item("manager", a3).get("state").asText()).as("nothing changed").isEqualTo("open");
    assertThat(manager.post("/task/" + itemTask(a3).getId() + "/complete", """
        {"variables": {"itemOutcome": {"value": "dropped"}, "dropReason": {"value": "The client will not buy it this year"}}}""")
        .status()).isEqualTo(204);
    JsonNode dropped = item("manager", a3);
    assertThat(dropped.get("state").asText()).isEqualTo("dropped");
    assertThat(dropped.get("closedBy").asText()).isEqualTo("manager");
    assertThat(dropped.get("dropReason").asText()).isEqualTo("The client will not buy it this year");
    assertThat(JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/cases?q=" + a3, null).body()).get("total").asInt())
        .as("an item closed in Tasklist is no case of the console").isZero();

    // owners see theirs, managers all, open first and overdue first
    assertThat(ids(list("tech", "state=all"))).containsExactly(a1);
    assertThat(ids(list("tina", "state=all"))).containsExactly(a2);
    assertThat(ids(list("manager", "state=open&case=" + caseNumber))).containsExactly(a1);
    assertThat(ids(list("manager", "state=all&client=gestoria-lopez&case=" + caseNumber))).containsExactly(a1, a2, a3);
    HttpResponse<String> badState = ApiCalls.call(port, "manager", "GET", "/api/action-items?state=someday", null);
    assertThat(badState.statusCode()).isEqualTo(400);
    assertThat(badState.body()).contains("state", "must be open, closed or all");
    HttpResponse<String> badOutcome = ApiCalls.call(port, "manager", "POST", "/api/action-items/" + a1 + "/close", "{\"outcome\": \"maybe\"}");
    assertThat(badOutcome.statusCode()).isEqualTo(400);
    assertThat(badOutcome.body()).contains("outcome", "must be done or dropped");

    // a manager closes a technician's item too (it is not in the managers' queue: their grant on actionItem lets them)
    HttpResponse<String> byManager = ApiCalls.call(port, "manager", "POST", "/api/action-items/" + a1 + "/close", "{\"outcome\": \"done\"}");
    assertThat(byManager.statusCode()).as(byManager.body()).isEqualTo(200);
    assertThat(item("manager", a1).get("closedBy").asText()).isEqualTo("manager");

    // the report shows where each item stands
    steps.offerPrevention(steps.instanceOf(caseNumber));
    HttpResponse<String> report = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/api/incidents/" + caseNumber + "/report"))
        .header("Accept", "text/html").header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("manager:manager".getBytes()))
        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    String html = report.body();
    assertThat(html).contains("Monitor the disks", "Test a restore every month", "Hecha", "tina", "manager", "Descartada",
        "The client will not buy it this year").doesNotContain("Pendiente");
  }

  @Test
  void aClientStillConsideringThePreventionOfferIsAskedAgain_byAnItemForTheManagerWhoMadeIt() throws Exception {
    String considering = steps.open("gestoria-lopez", "NAS lost its volume");
    String instance = steps.instanceOf(considering);
    steps.assess(instance, "hardware", "fileServer");
    steps.recoverAndAccept(instance);
    assertThat(steps.review(instance, "Check the NAS", "Fast restore", "[]").status()).isEqualTo(204);
    steps.complete(instance, "offerPrevention", """
        {"preventionOffered": {"type": "Json", "value": "[\\"backup\\",\\"ups\\"]"}, "clientInterest": {"value": "considering"}}""");

    Map<String, Object> item = jdbc.queryForMap("SELECT * FROM rebound_action_item WHERE id = ?", considering + "-P");
    assertThat(item.get("WHAT").toString()).isEqualTo("Ask Gestoría López again about the prevention offered (backup, ups)");
    assertThat(item.get("OWNER_USER")).as("the manager who made the offer").isEqualTo("manager");
    assertThat(item.get("DUE_DATE").toString()).as("after the step's 14 days")
        .isEqualTo(LocalDate.now(MADRID).plusDays(14).toString());
    assertThat(item.get("STATE")).isEqualTo("open");

    String accepted = steps.open("gestoria-lopez", "Printer queue lost");
    String other = steps.instanceOf(accepted);
    steps.assess(other, "hardware", "fileServer");
    steps.recoverAndAccept(other);
    assertThat(steps.review(other, "Check the queue", "Quick fix", "[]").status()).isEqualTo(204);
    steps.complete(other, "offerPrevention", "{\"clientInterest\": {\"value\": \"accepted\"}}");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_action_item WHERE case_number = ?", Integer.class, accepted))
        .as("an answer given: nothing to ask again").isZero();
  }

  @Test
  void badItemsAreRefusedWithTheItemAndField_andNothingIsKept() throws Exception {
    LocalDate today = LocalDate.now(MADRID);
    String caseNumber = steps.open("gestoria-lopez", "Shares deleted");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "humanError", "fileServer");
    steps.recoverAndAccept(instance);
    EngineRestClient.Response refused = steps.review(instance, "Restrict delete rights", "Backups were there", """
        [{"what": "Restrict rights", "owner": "bob", "dueDate": "%s"},
         {"what": "", "owner": "tech", "dueDate": "%s"},
         {"what": "Train staff", "owner": "tech", "dueDate": "%s"}]""".formatted(today.plusDays(3), today.plusDays(3), today.minusDays(1)));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("message").asText()).contains(
        "actionItems[1].owner 'bob' is neither a Rebound user nor a contact of Gestoría López",
        "actionItems[2].what is required",
        "actionItems[3].dueDate " + today.minusDays(1) + " is in the past");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("postIncidentReview").count())
        .as("the review is still to do").isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_action_item WHERE case_number = ?", Integer.class, caseNumber)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_lesson WHERE case_number = ?", Integer.class, caseNumber)).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ActionItemVariables.PROCESS_KEY)
        .processInstanceBusinessKeyLike(caseNumber + "%").count()).isZero();

    EngineRestClient.Response missingOwner = steps.review(instance, "x", "y", """
        [{"what": "Restrict rights", "dueDate": "%s"}]""".formatted(today.plusDays(3)));
    assertThat(missingOwner.status()).isEqualTo(400);
    assertThat(missingOwner.body().get("message").asText()).contains("actionItems[1].owner is required");
  }

  /** A case of Gestoría López reviewed with three action items: tech's, tina's and the contact Luisa's. */
  private String reviewedCase(LocalDate today) throws Exception {
    String caseNumber = steps.open("gestoria-lopez", "File server does not start");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "hardware", "fileServer");
    steps.recoverAndAccept(instance);
    EngineRestClient.Response reviewed = steps.review(instance, "Watch the disks", "The backup was recent", """
        [{"what": "Monitor the disks", "owner": "tech", "dueDate": "%s"},
         {"what": "Test a restore every month", "owner": "tina", "dueDate": "%s"},
         {"what": "Buy a UPS", "owner": "luisa@gestorialopez.example", "dueDate": "%s"}]"""
        .formatted(today.plusDays(10), today.plusDays(3), today.plusDays(5)), true);
    assertThat(reviewed.status()).as(String.valueOf(reviewed.body())).isEqualTo(204);
    return caseNumber;
  }

  private Task itemTask(String itemId) {
    return tasks.createTaskQuery().processDefinitionKey(ActionItemVariables.PROCESS_KEY).processInstanceBusinessKey(itemId).singleResult();
  }

  private void moveClockTo(LocalDateTime madrid) {
    ClockUtil.setCurrentTime(Date.from(madrid.atZone(MADRID).toInstant()));
  }

  /** Fires the action items' timers that are due now; their activities. */
  private List<String> fireDueItemTimers() {
    List<Job> due = management.createJobQuery().processDefinitionKey(ActionItemVariables.PROCESS_KEY).timers()
        .duedateLowerThan(ClockUtil.getCurrentTime()).list();
    List<String> fired = new java.util.ArrayList<>();
    for (Job job : due) {
      fired.add(management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId());
      management.executeJob(job.getId());
    }
    return fired;
  }

  private JsonNode item(String user, String id) throws Exception {
    for (JsonNode item : list(user, "state=all")) {
      if (item.get("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("no item " + id);
  }

  private JsonNode list(String user, String query) throws Exception {
    HttpResponse<String> answer = ApiCalls.call(port, user, "GET", "/api/action-items?" + query, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).get("items");
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new java.util.ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
