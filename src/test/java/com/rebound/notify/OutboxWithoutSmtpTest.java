package com.rebound.notify;

import com.rebound.clients.MailAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The embedded default has no SMTP server: messages wait in the outbox, and managers can read what would be sent. */
@ReboundSpringBootTest
class OutboxWithoutSmtpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  OutboxDispatcher dispatcher;
  @Autowired
  Outbox outbox;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Autowired
  UnclaimedSteps unclaimedSteps;
  @Autowired
  org.camunda.bpm.engine.TaskService taskService;

  @Test
  void aHighSeverityStepLeftUnclaimedAlertsItsGroupOnce_namingTheStep() throws Exception {
    HttpResponse<String> opened = ApiCalls.call(port, "tech", "POST", "/api/incidents", """
        {"clientId": "northwind-logistics", "summary": "Every warehouse terminal encrypted", "reportedBy": "Sam Carter"}""");
    String caseNumber = JSON.readTree(opened.body()).get("caseNumber").asText();
    String instance = JSON.readTree(opened.body()).get("processInstanceId").asText();
    org.camunda.bpm.engine.task.Task assess = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    taskService.complete(assess.getId(), java.util.Map.of("impactLevel", "total", "usersAffected", 180L, "dataLossSuspected", true,
        "probableCause", "ransomware", "damagedScope", "WMS"));   // SEV1: objectives for managers, unclaimed
    java.time.Instant now = java.time.Instant.now();
    java.util.function.Supplier<java.util.List<String>> alerts = () -> jdbc.queryForList(
        "SELECT subject FROM rebound_outbox WHERE kind = 'stepUnclaimed' AND case_number = ?", String.class, caseNumber);

    unclaimedSteps.check(now.plus(java.time.Duration.ofMinutes(10)));
    assertThat(alerts.get()).as("not yet: 30 minutes").isEmpty();
    unclaimedSteps.check(now.plus(java.time.Duration.ofMinutes(31)));
    unclaimedSteps.check(now.plus(java.time.Duration.ofMinutes(45)));

    assertThat(alerts.get()).singleElement().asString().startsWith("[" + caseNumber + "] Unclaimed for 31 min: Agree recovery objectives")
        .contains("Northwind Logistics");
    assertThat(jdbc.queryForObject("SELECT recipients FROM rebound_outbox WHERE kind = 'stepUnclaimed' AND case_number = ?", String.class,
        caseNumber)).contains("manager@rebound.invalid").doesNotContain("tech@");

    org.camunda.bpm.engine.task.Task objectives = taskService.createTaskQuery().processInstanceId(instance).singleResult();
    taskService.claim(objectives.getId(), "manager");
    unclaimedSteps.check(now.plus(java.time.Duration.ofMinutes(90)));
    assertThat(alerts.get()).as("claimed steps are not chased").hasSize(1);
  }

  @Test
  void recipientsAreAListOfPlainAddresses_aQuotedCommaCannotAddOne() {
    String hidden = "\"evil@attacker.example,\"@client.example";
    assertThat(outbox.enqueue(new OutboxMessage("recipients-test", MessageKind.caseOpened, "DR-TEST-1", null,
        java.util.List.of("ana@client.example", hidden, "Ana <ana@client.example>"), "en", "subject", "body", null))).isTrue();

    String stored = jdbc.queryForObject("SELECT recipients FROM rebound_outbox WHERE dedup_key = 'recipients-test'", String.class);
    assertThat(stored).isEqualTo("[\"ana@client.example\"]");
    assertThat(outbox.list("DR-TEST-1", null, 5)).singleElement().extracting(Outbox.Entry::recipients)
        .isEqualTo(java.util.List.of("ana@client.example"));
    assertThat(MailAddress.valid(hidden)).isFalse();
    assertThat(MailAddress.valid("first.last+dr@sub.client-domain.example")).isTrue();
  }

  @Test
  void messagesWaitInTheOutboxAndManagersCanReadThem() throws Exception {
    HttpResponse<String> opened = ApiCalls.call(port, "tech", "POST", "/api/incidents", """
        {"clientId": "northwind-logistics", "summary": "Label printers offline", "reportedBy": "Sam Carter"}""");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String caseNumber = JSON.readTree(opened.body()).get("caseNumber").asText();
    dispatcher.deliverDue();

    HttpResponse<String> list = ApiCalls.call(port, "manager", "GET", "/api/outbox?caseNumber=" + caseNumber, null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(list.body());
    assertThat(body.get("deliveryConfigured").asBoolean()).isFalse();
    JsonNode message = body.get("items").get(0);
    assertThat(message.get("status").asText()).isEqualTo("PENDING");
    assertThat(message.get("attempts").asInt()).isZero();
    assertThat(message.get("subject").asText()).isEqualTo("[" + caseNumber + "] We are on it: your incident is registered");
    assertThat(message.get("recipients").toString()).contains("it@northwind.example");

    HttpResponse<String> detail = ApiCalls.call(port, "manager", "GET", "/api/outbox/" + message.get("id").asLong(), null);
    assertThat(JSON.readTree(detail.body()).get("body").asText()).contains("Label printers offline", "Sam Carter", caseNumber);
    assertThat(ApiCalls.call(port, "manager", "GET", "/api/outbox/999999", null).statusCode()).isEqualTo(404);
  }

  @Test
  void onlyManagersAndAdministratorsReadTheOutbox_itCarriesTheClientsLinks() throws Exception {
    java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create("http://localhost:" + port + "/api/outbox")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(ApiCalls.call(port, "tech", "GET", "/api/outbox", null).statusCode()).isEqualTo(403);
    assertThat(ApiCalls.call(port, "tech", "POST", "/api/outbox/1/retry", null).statusCode()).isEqualTo(403);
    assertThat(ApiCalls.call(port, "admin", "GET", "/api/outbox", null).statusCode()).isEqualTo(200);
    assertThat(ApiCalls.call(port, "admin", "POST", "/api/outbox/1/retry", null).statusCode()).as("retrying is the managers' call")
        .isEqualTo(403);
  }
}
