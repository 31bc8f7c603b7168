package com.rebound.legal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.EngineRestClient;
import com.rebound.ReboundWithMail;
import com.rebound.acceptance.MailRoom;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
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
 * The law's clocks over HTTP: a client under the GDPR (we are its processor, 24 hours agreed) and NIS2 (important entity);
 * personal data is found at the case's second step: the moment of awareness is recorded with who and where; the
 * processor's 24 h, the client's 72 h and NIS2's 24 h / 72 h clocks fire at their exact moments (the clock moved, the timers
 * fired by the test); the provider's notice goes out with the draft; confirmations are recorded (one late); a technician's
 * attempts to move the moment are refused on every route and nothing changes; a manager moves it with a reason and the open
 * deadlines move with it. A manager's change of the decision table over REST is used by the next case.
 */
class LegalClocksTest extends ReboundWithMail {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HOUR = 3600;

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  io.micrometer.core.instrument.MeterRegistry meters;

  CaseSteps steps;

  @BeforeEach
  void setUp() {
    steps = new CaseSteps(port, ENGINE, runtime, tasks);
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().shutdown();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().start();
  }

  @Test
  void personalDataFoundAtTheSecondStep_startsEveryClockAtItsExactMoment_andOnlyAManagerMovesTheMoment() throws Exception {
    String client = legalClient(24);
    String caseNumber = steps.open(client, "File server encrypted; customer database copied");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "hardware", "fileServer");
    assertThat(awareness(caseNumber)).as("nothing legal is known after the first step").isNull();

    Instant t0 = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(t0));
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 4}, "approach": {"value": "recover"}, "agreedWith": {"value": "Ana Legal"},
         "personalDataAffected": {"value": true}, "significantIncident": {"value": true}}""");

    JsonNode legal = legalOf("tech", caseNumber);
    JsonNode awareness = legal.get("awareness");
    assertThat(Instant.parse(awareness.get("awareAt").asText())).as("recorded at the step's completion").isEqualTo(t0);
    assertThat(awareness.get("recordedBy").asText()).isIn("tech", "manager");
    assertThat(awareness.get("recordedStep").asText()).contains("Agree");
    assertThat(awareness.get("facts").get("personalDataAffected").asBoolean()).isTrue();
    assertThat(awareness.get("facts").get("highRiskToPeople").asBoolean()).isFalse();
    Map<String, String> due = new TreeMap<>();
    legal.get("obligations").forEach(o -> due.put(o.get("code").asText(), o.get("responsible").asText() + " "
        + Duration.between(t0, Instant.parse(o.get("dueAt").asText())).toHours() + " h"));
    assertThat(due).containsExactlyEntriesOf(new TreeMap<>(Map.of("gdpr-processor", "provider 24 h", "gdpr-authority", "client 72 h",
        "nis2-early-warning", "client 24 h", "nis2-notification", "client 72 h", "nis2-final-report", "client 792 h")));

    // each clock's timers at exactly a half, three quarters and all of its deadline
    for (String code : List.of("gdpr-processor", "gdpr-authority", "nis2-early-warning", "nis2-notification")) {
      long hours = Long.parseLong(due.get(code).replaceAll("\\D", ""));
      assertThat(timers(caseNumber + "-" + code)).as(code).containsExactlyInAnyOrderEntriesOf(Map.of(
          "Event_Halfway", t0.plusSeconds(hours * HOUR / 2), "Event_ThreeQuarters", t0.plusSeconds(hours * HOUR * 3 / 4),
          "Event_Deadline", t0.plusSeconds(hours * HOUR)));
    }

    // half of the 24 hours gone: the processor's and NIS2's early warning reminders, nothing else
    moveClock(t0.plusSeconds(12 * HOUR + 1));
    assertThat(fireDueTimers()).containsExactlyInAnyOrder(caseNumber + "-gdpr-processor@Event_Halfway",
        caseNumber + "-nis2-early-warning@Event_Halfway");
    assertThat(fireDueTimers()).as("each fires once").isEmpty();
    MimeMessage toDpo = MAIL.await("the client's DPO reminded of its NIS2 early warning",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] Legal deadline running: NIS2: nis2-early-warning (24 h)")
            && MailRoom.to(m).contains("dpo@" + client + ".example"));
    assertThat(MailRoom.html(toDpo)).contains("INCIBE-CERT", "early warning");
    MAIL.await("the technicians reminded of the processor's notice",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] Legal deadline running: GDPR: gdpr-processor (24 h)")
            && MailRoom.to(m).contains("tech@rebound.invalid"));
    assertThat(obligation(caseNumber + "-gdpr-processor").get("reminded").asInt()).isEqualTo(1);

    // a technician cannot move the moment: not on Rebound's page, not through the engine's variables
    Map<String, Object> before = snapshot(caseNumber);
    HttpResponse<String> byTech = ApiCalls.call(port, "tech", "PUT", "/api/legal/cases/" + caseNumber + "/awareness",
        "{\"awareAt\": \"" + t0.minusSeconds(6 * HOUR) + "\", \"reason\": \"I think it was earlier\"}");
    assertThat(byTech.statusCode()).as(byTech.body()).isEqualTo(403);
    String processor = processInstance(caseNumber + "-gdpr-processor");
    EngineRestClient techRest = EngineRestClient.ofEngine(port, "tech", ENGINE);
    EngineRestClient.Response putVariable = techRest.put("/process-instance/" + processor + "/variables/countedFrom",
        "{\"value\": \"" + t0.minusSeconds(6 * HOUR).toString().replace("Z", ".000+0000") + "\", \"type\": \"Date\"}");
    assertThat(putVariable.status()).as(String.valueOf(putVariable.body())).isIn(400, 403);
    EngineRestClient.Response modify = techRest.post("/process-instance/" + processor + "/variables",
        "{\"modifications\": {\"dueAt\": {\"value\": \"2099-01-01T00:00:00.000+0000\", \"type\": \"Date\"}}}");
    assertThat(modify.status()).as(String.valueOf(modify.body())).isIn(400, 403);
    EngineRestClient.Response dueDate = techRest.put("/task/" + task(caseNumber + "-gdpr-authority").getId(),
        "{\"name\": \"" + task(caseNumber + "-gdpr-authority").getName() + "\", \"due\": \"2099-01-01T00:00:00.000+0000\"}");
    assertThat(dueDate.status()).as(String.valueOf(dueDate.body())).isIn(400, 403);
    EngineRestClient.Response throughAStep = techRest.post("/task/" + task(caseNumber + "-gdpr-authority").getId() + "/complete",
        "{\"variables\": {\"obligationOutcome\": {\"value\": \"notApplicable\"}, \"obligationNote\": {\"value\": \"x\"}, "
            + "\"countedFrom\": {\"value\": \"2020-01-01T00:00:00.000+0000\", \"type\": \"Date\"}}}");
    assertThat(throughAStep.status()).as("a step writes its own fields only").isEqualTo(400);
    assertThat(throughAStep.body().get("message").asText()).contains("countedFrom");
    assertThat(snapshot(caseNumber)).as("nothing changed").isEqualTo(before);
    assertThat(obligation(caseNumber + "-gdpr-authority").get("state").asText()).isEqualTo("open");

    // the provider's notice: the draft holds the case's facts; reviewed, completed and sent with its PDF
    HttpResponse<String> draft = ApiCalls.call(port, "tech", "GET", "/api/legal/obligations/" + caseNumber + "-gdpr-processor/draft", null);
    assertThat(draft.statusCode()).isEqualTo(200);
    assertThat(draft.body()).contains("File server encrypted; customer database copied", "Legal Test " + client, "dpo@" + client + ".example",
        caseNumber, "hardware");
    EngineRestClient.Response incomplete = EngineRestClient.ofEngine(port, "tech", ENGINE).post("/task/"
        + task(caseNumber + "-gdpr-processor").getId() + "/complete", "{\"variables\": {}}");
    assertThat(incomplete.status()).as("the draft's empty fields are required").isEqualTo(400);
    assertThat(incomplete.body().get("message").asText()).contains("draftCategories");
    complete("tech", caseNumber + "-gdpr-processor", """
        {"draftCategories": {"value": "Customers: names, addresses, invoices"}, "draftPeople": {"value": "about 1,800"},
         "draftRecords": {"value": "about 40,000 rows"}, "draftConsequences": {"value": "Possible phishing of customers"}}""");
    executeMessageJobs(processor);
    MimeMessage notice = MAIL.await("the processor's notice to the DPO",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] Notice of a personal-data breach (GDPR art. 33(2))"));
    assertThat(MailRoom.to(notice)).containsExactly("dpo@" + client + ".example");
    assertThat(MailRoom.html(notice)).contains("Customers: names, addresses, invoices", "about 1,800", "AEPD",
        "File server encrypted; customer database copied");
    try (var pdf = Loader.loadPDF(MailRoom.attachment(notice, "-draft.pdf"))) {
      assertThat(new PDFTextStripper().getText(pdf)).contains("about 40,000 rows", "Possible phishing of customers");
    }
    JsonNode sent = obligation(caseNumber + "-gdpr-processor");
    assertThat(sent.get("state").asText()).isEqualTo("met");
    assertThat(Instant.parse(sent.get("doneAt").asText())).isEqualTo(t0.plusSeconds(12 * HOUR + 1));

    // the client's early warning: a confirmation without its reference is refused and nothing is kept; then recorded
    String early = caseNumber + "-nis2-early-warning";
    EngineRestClient.Response noReference = EngineRestClient.ofEngine(port, "tech", ENGINE).post("/task/" + task(early).getId()
        + "/complete", "{\"variables\": {\"obligationOutcome\": {\"value\": \"filed\"}, \"filedAt\": {\"value\": \""
        + t0.plusSeconds(11 * HOUR) + "\"}, \"filedBy\": {\"value\": \"Emma Clarke\"}}}");
    assertThat(noReference.status()).isEqualTo(400);
    assertThat(noReference.body().get("message").asText()).contains("filingReference");
    assertThat(obligation(early).get("state").asText()).isEqualTo("open");
    complete("tech", early, """
        {"obligationOutcome": {"value": "filed"}, "filedAt": {"value": "%s"}, "filingReference": {"value": "INCIBE-2026-0042"},
         "filedBy": {"value": "Emma Clarke"}}""".formatted(t0.plusSeconds(11 * HOUR).atOffset(java.time.ZoneOffset.ofHours(1))));
    JsonNode filed = obligation(early);
    assertThat(filed.get("state").asText()).isEqualTo("met");
    assertThat(filed.get("reference").asText()).isEqualTo("INCIBE-2026-0042");
    assertThat(filed.get("doneBy").asText()).isEqualTo("Emma Clarke");
    assertThat(filed.get("confirmedBy").asText()).isEqualTo("tech");

    // 72 hours: the client's GDPR and NIS2 notification clocks run out; the managers are told once each
    moveClock(t0.plusSeconds(72 * HOUR + 1));
    assertThat(fireDueTimers()).containsExactlyInAnyOrder(
        caseNumber + "-gdpr-authority@Event_Halfway", caseNumber + "-gdpr-authority@Event_ThreeQuarters",
        caseNumber + "-gdpr-authority@Event_Deadline", caseNumber + "-nis2-notification@Event_Halfway",
        caseNumber + "-nis2-notification@Event_ThreeQuarters", caseNumber + "-nis2-notification@Event_Deadline");
    MimeMessage passed = MAIL.await("the managers told the GDPR deadline passed",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] Legal deadline passed: GDPR: gdpr-authority (72 h)"));
    assertThat(MailRoom.to(passed)).contains("manager@rebound.invalid");
    assertThat(obligation(caseNumber + "-gdpr-authority").get("overdue").asBoolean()).isTrue();
    assertThat(obligation(caseNumber + "-gdpr-authority").get("deadlinePassed").asBoolean()).isTrue();
    complete("tech", caseNumber + "-gdpr-authority", """
        {"obligationOutcome": {"value": "filed"}, "filedAt": {"value": "%s"}, "filingReference": {"value": "AEPD-REG-77"},
         "filedBy": {"value": "Ana Legal"}}""".formatted(t0.plusSeconds(72 * HOUR + 1)));
    assertThat(obligation(caseNumber + "-gdpr-authority").get("state").asText()).as("filed after its deadline").isEqualTo("late");

    // the manager moves the moment of awareness an hour earlier, with a reason: the open deadlines and clocks move with it
    HttpResponse<String> noReason = ApiCalls.call(port, "manager", "PUT", "/api/legal/cases/" + caseNumber + "/awareness",
        "{\"awareAt\": \"" + t0.minusSeconds(HOUR) + "\"}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noReason.body()).get("errors").get(0).get("field").asText()).isEqualTo("reason");
    HttpResponse<String> future = ApiCalls.call(port, "manager", "PUT", "/api/legal/cases/" + caseNumber + "/awareness",
        "{\"awareAt\": \"" + t0.plusSeconds(100 * HOUR) + "\", \"reason\": \"typo\"}");
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(future.body()).get("errors").get(0).get("field").asText()).isEqualTo("awareAt");
    Instant earlier = t0.minusSeconds(HOUR);
    HttpResponse<String> moved = ApiCalls.call(port, "manager", "PUT", "/api/legal/cases/" + caseNumber + "/awareness",
        "{\"awareAt\": \"" + earlier + "\", \"reason\": \"The client's DPO saw the data on a leak site an hour before calling us\"}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    String finalReport = caseNumber + "-nis2-final-report";
    assertThat(Instant.parse(obligation(finalReport).get("dueAt").asText())).isEqualTo(earlier.plusSeconds(792 * HOUR));
    assertThat(timers(finalReport)).containsExactlyInAnyOrderEntriesOf(Map.of("Event_Halfway", earlier.plusSeconds(396 * HOUR),
        "Event_ThreeQuarters", earlier.plusSeconds(594 * HOUR), "Event_Deadline", earlier.plusSeconds(792 * HOUR)));
    assertThat(task(finalReport).getDueDate().toInstant()).isEqualTo(earlier.plusSeconds(792 * HOUR));
    assertThat(Instant.parse(obligation(caseNumber + "-gdpr-authority").get("dueAt").asText())).as("a closed one keeps its deadline")
        .isEqualTo(t0.plusSeconds(72 * HOUR));
    List<String> timeline = new ArrayList<>();
    legalOf("manager", caseNumber).get("timeline").forEach(e -> timeline.add(e.get("what").asText()));
    assertThat(timeline).containsSubsequence("aware", "met", "met", "deadlinePassed", "late", "moved");
    assertThat(legalOf("manager", caseNumber).get("timeline").get(timeline.indexOf("moved")).get("detail").asText())
        .contains("leak site").contains(t0.toString());

    // the final report has the legal timeline; the meters count the obligations by status
    HttpResponse<String> report = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/incidents/" + caseNumber + "/report")).header("Accept", "text/html")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("manager:manager".getBytes())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body()).contains("Legal deadlines", "Filed late", "Filed in time", "AEPD-REG-77", "INCIBE-2026-0042");
    // read from the database at most every 10 s: waited for
    long until = System.currentTimeMillis() + 12_000;
    while (meters.get("rebound.legal.obligations").tag("state", "late").gauge().value() < 1 && System.currentTimeMillis() < until) {
      Thread.sleep(250);
    }
    assertThat(meters.get("rebound.legal.obligations").tag("state", "late").gauge().value()).isGreaterThanOrEqualTo(1);
    assertThat(meters.get("rebound.legal.obligations").tag("state", "met").gauge().value()).isGreaterThanOrEqualTo(2);

    // the console's list: open deadlines, soonest first, across cases
    HttpResponse<String> open = ApiCalls.call(port, "tech", "GET", "/api/legal/obligations?state=open", null);
    List<Instant> dues = new ArrayList<>();
    JSON.readTree(open.body()).get("items").forEach(o -> dues.add(Instant.parse(o.get("dueAt").asText())));
    assertThat(dues).isSorted().isNotEmpty();
  }

  @Test
  void aManagerChangesTheProcessorDeadlineInTheDecisionTableOverRest_theNextCaseUsesIt() throws Exception {
    String client = legalClient(null);
    java.nio.file.Path file = java.nio.file.Path.of("bpmn", "legal-obligations.dmn");
    String original = java.nio.file.Files.readString(file);
    String changed = original.replace("<outputEntry id=\"Rule_GdprProcessorDefault_Hours\"><text>24</text>",
        "<outputEntry id=\"Rule_GdprProcessorDefault_Hours\"><text>12</text>");
    assertThat(changed).isNotEqualTo(original);
    try {
      HttpResponse<String> deployed = deploy(changed);
      assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
      String caseNumber = steps.open(client, "Mailbox of the accountant read by an intruder");
      HttpResponse<String> raised = ApiCalls.call(port, "tech", "POST", "/api/legal/cases/" + caseNumber + "/facts",
          "{\"personalDataAffected\": true}");
      assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
      JsonNode processor = obligation(caseNumber + "-gdpr-processor");
      assertThat(processor.get("deadlineHours").asInt()).as("the table's new number").isEqualTo(12);
      assertThat(JSON.readTree(raised.body()).get("awareness").get("recordedStep").asText()).isEqualTo("the case's page");
    } finally {
      HttpResponse<String> restored = deploy(original);
      assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    }
    String next = steps.open(client, "Laptop with payroll stolen");
    ApiCalls.call(port, "tech", "POST", "/api/legal/cases/" + next + "/facts", "{\"personalDataAffected\": true}");
    assertThat(obligation(next + "-gdpr-processor").get("deadlineHours").asInt()).as("back to the table's 24").isEqualTo(24);
  }

  @Test
  void aCaseReportedWithPersonalDataAffectedStartsItsClocksAtTheReport() throws Exception {
    String client = legalClient(48);
    Instant reported = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(reported));
    HttpResponse<String> opened = ApiCalls.call(port, "tech", "POST", "/api/incidents", """
        {"clientId": "%s", "summary": "Laptop with the customer list stolen", "reportedBy": "Ana Legal",
         "personalDataAffected": true}""".formatted(client));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String caseNumber = JSON.readTree(opened.body()).get("caseNumber").asText();
    JsonNode awareness = awareness(caseNumber);
    assertThat(Instant.parse(awareness.get("awareAt").asText())).isEqualTo(reported);
    assertThat(awareness.get("recordedStep").asText()).isEqualTo("the case's report");
    assertThat(awareness.get("recordedBy").asText()).isEqualTo("tech");
    assertThat(Instant.parse(obligation(caseNumber + "-gdpr-processor").get("dueAt").asText())).as("the agreed 48 hours")
        .isEqualTo(reported.plusSeconds(48 * HOUR));
  }

  @Test
  void casesOfOneCauseAtManyClientsRunTheProvidersOwnNis2ClocksOnce() throws Exception {
    String first = steps.open("gestoria-lopez", "Ransomware pushed through our remote-management tool");
    String second = steps.open("northwind-logistics", "Ransomware pushed through our remote-management tool");
    String third = steps.open("ladrillos-garcia", "Ransomware pushed through our remote-management tool");
    String body = "{\"cause\": \"Our remote-management tool compromised\", \"caseNumbers\": [\"" + second + "\", \"" + first + "\"]}";

    HttpResponse<String> byTech = ApiCalls.call(port, "tech", "POST", "/api/legal/shared-causes", body);
    assertThat(byTech.statusCode()).isEqualTo(403);
    HttpResponse<String> alone = ApiCalls.call(port, "manager", "POST", "/api/legal/shared-causes",
        "{\"cause\": \"x\", \"caseNumbers\": [\"" + first + "\", \"DR-1999-0001\"]}");
    assertThat(alone.statusCode()).isEqualTo(400);
    assertThat(alone.body()).contains("caseNumbers", "DR-1999-0001");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_shared_cause_case WHERE case_number = ?", Integer.class, first))
        .as("nothing linked").isZero();

    HttpResponse<String> linked = ApiCalls.call(port, "manager", "POST", "/api/legal/shared-causes", body);
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
    String set = JSON.readTree(linked.body()).get("caseNumber").asText();
    assertThat(set).isEqualTo("SC-" + first.substring(3));
    List<String> codes = new ArrayList<>();
    JSON.readTree(linked.body()).get("obligations").forEach(o -> codes.add(o.get("code").asText() + " " + o.get("responsible").asText()));
    assertThat(codes).containsExactly("provider-nis2-early-warning provider", "provider-nis2-notification provider",
        "provider-nis2-final-report provider");

    HttpResponse<String> again = ApiCalls.call(port, "manager", "POST", "/api/legal/shared-causes", body);
    assertThat(again.statusCode()).as("a case belongs to one set").isEqualTo(409);
    HttpResponse<String> joined = ApiCalls.call(port, "manager", "POST", "/api/legal/shared-causes/" + set + "/cases",
        "{\"caseNumber\": \"" + third + "\"}");
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_legal_obligation WHERE case_number = ?", Integer.class, set))
        .as("the provider's clocks run once for the set").isEqualTo(3);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(LegalVariables.PROCESS_KEY)
        .processInstanceBusinessKey(set + "-provider-nis2-early-warning").count()).isEqualTo(1);
    JsonNode ofThird = legalOf("tech", third);
    assertThat(ofThird.get("sharedCause").get("id").asText()).isEqualTo(set);
    assertThat(ofThird.get("sharedCause").get("cases")).hasSize(3);
    assertThat(ofThird.get("sharedCause").get("obligations")).hasSize(3);
    assertThat(ofThird.get("obligations")).as("the clients' own clocks are their cases' business").isEmpty();
  }

  @Test
  void aLegalProfileMissingWhatItsClocksNeedIsRefusedNamingTheFields() throws Exception {
    String id = "legal-bad-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> bad = ApiCalls.call(port, "manager", "POST", "/api/clients", clientJson(id, """
        {"personalData": true, "nis2": "essential", "dora": false}"""));
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    JSON.readTree(bad.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactly("legal.nis2Authority", "legal.privacyContactEmail");
    HttpResponse<String> wrongNis2 = ApiCalls.call(port, "manager", "POST", "/api/clients", clientJson(id, """
        {"personalData": false, "nis2": "maybe"}"""));
    assertThat(wrongNis2.statusCode()).isEqualTo(400);
    assertThat(wrongNis2.body()).contains("legal.nis2", "essential, important, none");
    assertThat(ApiCalls.call(port, "manager", "GET", "/api/clients/" + id, null).statusCode()).as("nothing kept").isEqualTo(404);
    HttpResponse<String> noFacts = ApiCalls.call(port, "tech", "POST", "/api/legal/cases/DR-1999-0001/facts", "{}");
    assertThat(noFacts.statusCode()).isEqualTo(404);
  }

  private String legalClient(Integer processorHours) throws Exception {
    String id = "legal-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = ApiCalls.call(port, "manager", "POST", "/api/clients", clientJson(id, """
        {"personalData": true, "processorDeadlineHours": %s, "privacyContactName": "Ana Legal", "privacyContactEmail": "dpo@%s.example",
         "nis2": "important", "nis2Authority": "INCIBE-CERT", "dora": false}""".formatted(processorHours == null ? "null" : processorHours,
        id)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode legal = JSON.readTree(created.body()).get("legal");
    assertThat(legal.get("nis2").asText()).isEqualTo("important");
    return id;
  }

  private static String clientJson(String id, String legal) {
    return """
        {"id": "%s", "name": "Legal Test %s", "sector": "Retail", "userCount": 40, "criticalityTier": "high",
         "responseTimeMinutes": 60, "rtoHours": 8, "rpoHours": 4,
         "businessHours": {"days": "MON,TUE,WED,THU,FRI,SAT,SUN", "start": "00:00", "end": "23:59", "timeZone": "Europe/Madrid",
                           "onlyDuringBusinessHours": false},
         "preferredLanguage": "en",
         "contacts": [{"name": "Ana Legal", "email": "ana@%s.example", "role": "Owner", "agreesObjectives": true}],
         "protections": ["backup"], "legal": %s}""".formatted(id, id, id, legal);
  }

  private JsonNode legalOf(String user, String caseNumber) throws Exception {
    HttpResponse<String> answer = ApiCalls.call(port, user, "GET", "/api/legal/cases/" + caseNumber, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private JsonNode awareness(String caseNumber) throws Exception {
    JsonNode awareness = legalOf("tech", caseNumber).get("awareness");
    return awareness == null || awareness.isNull() ? null : awareness;
  }

  private JsonNode obligation(String id) throws Exception {
    String caseNumber = id.substring(0, "DR-2026-0000".length());
    for (JsonNode o : legalOf("manager", caseNumber).get("obligations")) {
      if (o.get("id").asText().equals(id)) {
        return o;
      }
    }
    throw new AssertionError("no obligation " + id);
  }

  private String processInstance(String obligationId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(LegalVariables.PROCESS_KEY).processInstanceBusinessKey(obligationId)
        .singleResult().getId();
  }

  private Task task(String obligationId) {
    return tasks.createTaskQuery().processInstanceId(processInstance(obligationId)).singleResult();
  }

  private void complete(String user, String obligationId, String variables) {
    EngineRestClient.Response done = EngineRestClient.ofEngine(port, user, ENGINE).post("/task/" + task(obligationId).getId() + "/complete",
        "{\"variables\": " + variables + "}");
    assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(204);
  }

  private Map<String, Instant> timers(String obligationId) {
    Map<String, Instant> timers = new TreeMap<>();
    for (Job job : management.createJobQuery().processInstanceId(processInstance(obligationId)).timers().list()) {
      timers.put(activity(job), job.getDuedate().toInstant());
    }
    return timers;
  }

  private String activity(Job job) {
    return management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
  }

  private void moveClock(Instant to) {
    ClockUtil.setCurrentTime(Date.from(to));
  }

  /** Fires the obligations' timers that are due now, then the mail steps they lead to; "obligation@timer" of each. */
  private List<String> fireDueTimers() {
    List<String> fired = new ArrayList<>();
    for (Job job : management.createJobQuery().processDefinitionKey(LegalVariables.PROCESS_KEY).timers()
        .duedateLowerThan(ClockUtil.getCurrentTime()).list()) {
      String obligation = runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId()).singleResult().getBusinessKey();
      fired.add(obligation + "@" + activity(job));
      management.executeJob(job.getId());
      executeMessageJobs(job.getProcessInstanceId());
    }
    return fired;
  }

  private void executeMessageJobs(String processInstanceId) {
    for (Job job : management.createJobQuery().processInstanceId(processInstanceId).messages().list()) {
      management.executeJob(job.getId());
    }
  }

  /** Everything a move of the moment would change: the awareness row, the obligations' deadlines, their variables and timers. */
  private Map<String, Object> snapshot(String caseNumber) {
    Map<String, Object> state = new TreeMap<>();
    state.put("awareAt", jdbc.queryForObject("SELECT aware_at FROM rebound_legal_awareness WHERE case_number = ?", Timestamp.class,
        caseNumber).toInstant());
    for (Map<String, Object> row : jdbc.queryForList("SELECT id, due_at, counted_from, process_instance_id FROM rebound_legal_obligation "
        + "WHERE case_number = ?", caseNumber)) {
      String pid = (String) row.get("PROCESS_INSTANCE_ID");
      state.put(row.get("ID") + " due", String.valueOf(row.get("DUE_AT")));
      state.put(row.get("ID") + " from", String.valueOf(row.get("COUNTED_FROM")));
      state.put(row.get("ID") + " variables", runtime.getVariables(pid, List.of(LegalVariables.COUNTED_FROM, LegalVariables.DUE_AT)));
      state.put(row.get("ID") + " timers", management.createJobQuery().processInstanceId(pid).timers().list().stream()
          .map(j -> j.getDuedate().toInstant()).sorted().toList());
      state.put(row.get("ID") + " step due", tasks.createTaskQuery().processInstanceId(pid).list().stream()
          .map(t -> String.valueOf(t.getDueDate())).toList());
    }
    return state;
  }

  private HttpResponse<String> deploy(String dmn) throws Exception {
    String boundary = "----rebound" + UUID.randomUUID();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nlegal-obligations\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"enable-duplicate-filtering\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"legal-obligations.dmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + dmn + "\r\n--" + boundary + "--\r\n";
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/engine-rest/engine/" + ENGINE + "/deployment/create"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("manager:manager".getBytes()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
