package com.rebound.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.CaseLoad;
import com.rebound.EngineRestClient;
import com.rebound.ReboundProcess;
import com.rebound.acceptance.MailRoom;
import com.rebound.database.PostgresServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Rebound nodes (the packaged jar, two JVMs) on one real PostgreSQL, with a real SMTP server
 * (GreenMail), as production runs behind a load balancer. Logs in {@code target/it/cluster-<time>/}.
 * In order: both nodes started at the same moment on an empty database; a login on one node used on
 * the other; four clients walking cases over both nodes while the client's link and a technician
 * answer the same task on different nodes; a timer made due while both run; every message delivered
 * exactly once; one node killed mid-load; the database away for 15 s (longer than a failover); a wrong password at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final Pattern ACCEPTANCE_LINK = Pattern.compile("(/acceptance/[A-Za-z0-9_-]{40,})");
  private static final String CLIENT = "northwind-logistics";

  private PostgresServer postgres;
  private MailRoom mail;
  private String databaseUrl;
  private Path folder;
  private ReboundProcess nodeA;
  private ReboundProcess nodeB;
  private final StringBuilder figures = new StringBuilder("Two nodes on one PostgreSQL:\n");

  @BeforeAll
  void cluster() throws Exception {
    postgres = PostgresServer.shared();
    mail = new MailRoom();
    mail.smtp.setUser(MailRoom.SUPPORT, MailRoom.SUPPORT, MailRoom.SUPPORT_PASSWORD);
    databaseUrl = postgres.createDatabase("rebound_cluster");
    folder = Files.createDirectories(Path.of("target", "it", "cluster-" + System.currentTimeMillis()));
    nodeA = node("a");
    nodeB = node("b");
  }

  @AfterAll
  void stop() throws Exception {
    System.out.print(figures);
    for (ReboundProcess node : List.of(nodeA, nodeB)) {
      if (node.isAlive()) {
        node.terminate(Duration.ofSeconds(45));
      }
    }
    mail.smtp.stop();
  }

  private ReboundProcess node(String name) throws Exception {
    return new ReboundProcess(Files.createDirectories(folder.resolve(name)), "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + PostgresServer.USER,
        "--spring.datasource.password=" + PostgresServer.PASSWORD, "--rebound.demo-users=true",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.port, "--rebound.mail.poll-interval=PT1S",
        "--rebound.mail.claim-lease=PT20S", "--rebound.node-name=node-" + name,
        // both nodes read the support mailbox (GreenMail's IMAP), every half second, a lock lasting 10 s at most
        "--rebound.mailbox.host=127.0.0.1", "--rebound.mailbox.port=" + mail.imapPort, "--rebound.mailbox.ssl=false",
        "--rebound.mailbox.username=" + MailRoom.SUPPORT, "--rebound.mailbox.password=" + MailRoom.SUPPORT_PASSWORD,
        "--rebound.mailbox.poll-interval=PT0.5S", "--rebound.mailbox.lock-at-most-for=PT10S");
  }

  @Test
  @Order(2)
  void bothNodesReadTheSupportMailbox_eachReplyIsRecordedOnce() throws Exception {
    HttpResponse<String> opened = http(nodeA, "POST", "/api/incidents", "tech",
        "{\"clientId\": \"" + CLIENT + "\", \"summary\": \"Mailbox test\", \"reportedBy\": \"Emma Clarke\"}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String caseNumber = new com.fasterxml.jackson.databind.ObjectMapper().readTree(opened.body()).get("caseNumber").asText();
    jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
    int replies = 20;
    for (int n = 0; n < replies; n++) {
      jakarta.mail.internet.MimeMessage reply = new jakarta.mail.internet.MimeMessage(session);
      reply.setFrom(new jakarta.mail.internet.InternetAddress("emma.clarke@northwind.example"));
      reply.setRecipients(jakarta.mail.Message.RecipientType.TO, MailRoom.SUPPORT);
      reply.setSubject("Re: [" + caseNumber + "] update " + n);
      reply.setText("Update number " + n);
      reply.saveChanges();
      mail.deliverToSupport(reply);
      Thread.sleep(100);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    com.fasterxml.jackson.databind.JsonNode messages = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree("[]");
    java.util.List<String> refusals = new java.util.ArrayList<>();
    do {
      Thread.sleep(500);
      HttpResponse<String> read = http(nodeB, "GET", "/api/cases/" + caseNumber + "/messages", "tech", null);
      if (read.statusCode() == 200) {
        messages = new com.fasterxml.jackson.databind.ObjectMapper().readTree(read.body()).get("messages");
      } else {
        refusals.add(read.statusCode() + " " + read.body());
      }
    } while (messages.size() < replies && System.nanoTime() < deadline);
    assertThat(refusals).as("the conversation read on one node while the other records replies").isEmpty();
    java.util.Set<String> texts = new java.util.HashSet<>();
    messages.forEach(m -> texts.add(m.get("text").asText()));
    long readByA = nodeA.log(1).lines().filter(l -> l.contains("Support mailbox: read message UID")).count();
    long readByB = nodeB.log(1).lines().filter(l -> l.contains("Support mailbox: read message UID")).count();
    String line = String.format("  support mailbox: %d replies delivered, %d recorded on the case (%d distinct); read by node-a %d, "
        + "node-b %d times%n", replies, messages.size(), texts.size(), readByA, readByB);
    figures.append(line);
    System.out.print(line);
    assertThat(messages).as("each reply once").hasSize(replies);
    assertThat(texts).hasSize(replies);
  }

  @Test
  @Order(1)
  void bothNodesStartedAtTheSameMomentOnAnEmptyDatabaseComeUpWithOneOfEverything() throws Exception {
    nodeA.launch();
    nodeB.launch();
    nodeA.awaitHealthy();
    nodeB.awaitHealthy();

    assertThat(counts("SELECT KEY_, COUNT(*) FROM ACT_RE_PROCDEF GROUP BY KEY_")).as("process versions").containsOnly(
        Map.entry("disasterRecovery", 1L), Map.entry("actionItem", 1L), Map.entry("runbookRansomware", 1L),
        Map.entry("runbookHardware", 1L), Map.entry("runbookDeletion", 1L), Map.entry("runbookSiteLoss", 1L),
        Map.entry("runbookProviderOutage", 1L), Map.entry("runbookGeneric", 1L), Map.entry("legalObligation", 1L));
    assertThat(counts("SELECT KEY_, COUNT(*) FROM ACT_RE_DECISION_DEF GROUP BY KEY_")).as("decision versions")
        .containsOnly(Map.entry("alertTriage", 1L), Map.entry("prevention", 1L), Map.entry("severity", 1L), Map.entry("runbook", 1L),
            Map.entry("legalObligations", 1L));
    assertThat(single("SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT")).as("deployments of bpmn/").isEqualTo(1);
    assertThat(counts("SELECT NAME_, COUNT(*) FROM ACT_RU_FILTER GROUP BY NAME_")).as("Tasklist filters").hasSize(3)
        .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    assertThat(single("SELECT COUNT(*) FROM ACT_ID_USER")).as("demo accounts (admin, tech, manager, metrics)").isEqualTo(4);
    assertThat(single("SELECT COUNT(*) FROM ACT_ID_GROUP")).as("groups (camunda-admin, technicians, managers, metrics)").isEqualTo(4);
    assertThat(single("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP")).as("memberships").isEqualTo(4);
    assertThat(single("SELECT COUNT(*) FROM (SELECT GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION "
        + "WHERE GROUP_ID_ IS NOT NULL GROUP BY GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ HAVING COUNT(*) > 1) twice"))
        .as("grants made twice").isZero();
    assertThat(single("SELECT COUNT(*) FROM rebound_client")).as("demo clients").isEqualTo(4);
    // every migration (SQL files and Java ones) once: as many applied as there are versions, none twice
    assertThat(single("SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")).as("migrations applied")
        .isEqualTo(single("SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
        .isGreaterThanOrEqualTo(11);
    figures.append("  simultaneous start on an empty database: 1 deployment, 1 version per model, 3 filters, 4 accounts\n");
  }

  @Test
  @Order(2)
  void aLoginOnOneNodeServesTheNextRequestOnTheOther() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create(nodeA.baseUrl() + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow();
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(nodeA.baseUrl() + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
        .POST(HttpRequest.BodyPublishers.ofString("username=tech&password=tech")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    // the session cookie was set by node A; node B knows it from the database (the cookie's host is the same: localhost)
    HttpResponse<String> onB = browser.send(HttpRequest.newBuilder(
        URI.create(nodeB.baseUrl() + "/camunda/api/admin/auth/user/default")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
    assertThat(onB.body()).contains("\"userId\":\"tech\"");
    HttpResponse<String> tasksOnB = browser.send(HttpRequest.newBuilder(
            URI.create(nodeB.baseUrl() + "/camunda/api/engine/engine/default/task/count")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(tasksOnB.statusCode()).as("Tasklist's own API on node B: %s", tasksOnB.body()).isEqualTo(200);
    HttpResponse<String> restOnB = browser.send(HttpRequest.newBuilder(
        URI.create(nodeB.baseUrl() + "/engine-rest/task/count")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(restOnB.statusCode()).as("engine-rest with the session on node B").isEqualTo(200);
    figures.append("  login on node A, Tasklist's next requests on node B: 200\n");
  }

  @Test
  @Order(3)
  void casesWalkedOverBothNodesWithRacesAndATimer_everyMessageDeliveredExactlyOnce() throws Exception {
    // four clients, each walking whole cases; every step goes to the other node than the one before
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<Integer>> walked = new ArrayList<>();
    long started = System.nanoTime();
    for (int client = 0; client < 4; client++) {
      int first = client;
      walked.add(clients.submit(() -> {
        int cases = 0;
        for (int n = 0; n < 3; n++) {
          walkWholeCase(first + n, "walker " + first + " case " + n);
          cases++;
        }
        return cases;
      }));
    }
    int cases = 0;
    for (Future<Integer> f : walked) {
      cases += f.get();
    }
    clients.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    figures.append(String.format("  4 clients walked %d whole cases over both nodes in %.1f s%n", cases, seconds));

    // the client's link on node A and a technician on node B answer the same task at the same moment
    Map<String, Integer> winners = new TreeMap<>();
    for (int attempt = 0; attempt < 8; attempt++) {
      winners.merge(raceClientAgainstTechnician(attempt), 1, Integer::sum);
    }
    figures.append("  client link (node A) against technician (node B), 8 times: " + winners + ", one winner each time\n");

    // a timer made due while both nodes run fires once
    Case opened = openCase(nodeA, "timer");
    String timerCase = opened.number();
    String instance = opened.instance();
    complete(nodeB, instance, "assessImpact");
    complete(nodeA, instance, "agreeObjectives");
    EngineRestClient admin = new EngineRestClient(nodeA.port(), "admin");
    JsonNode job = admin.get("/job?maxResults=1&processInstanceId=" + instance + "&activityId=Event_RtoWarning").body().get(0);
    assertThat(admin.put("/job/" + job.get("id").asText() + "/duedate", "{\"duedate\": \"2020-01-01T00:00:00.000+0000\"}")
        .status()).isEqualTo(204);
    String fired = "/history/activity-instance/count?processInstanceId=" + instance + "&activityId=Event_RtoWarning";
    long until = System.currentTimeMillis() + 60_000;
    while (admin.get(fired).body().get("count").asLong() == 0 && System.currentTimeMillis() < until) {
      MailRoom.sleep(250);
    }
    MailRoom.sleep(5_000);
    assertThat(admin.get(fired).body().get("count").asLong()).as("the RTO warning timer fired once").isEqualTo(1);
    mail.await("the RTO warning of " + timerCase, m -> MailRoom.subject(m).startsWith("[" + timerCase + "] 75%"));
    walkToEnd(instance, 0);

    assertEveryMessageDelivered("walk, races and timer", 0);
    assertThat(mail.all().stream().filter(m -> MailRoom.subject(m).startsWith("[" + timerCase + "] 75%")).count())
        .as("one RTO warning").isEqualTo(1);
  }

  @Test
  @Order(4)
  void oneNodeKilledMidLoad_everyAcknowledgedCaseIsWalkedToItsEndOnTheOther_nothingSentTwice() throws Exception {
    CaseLoad onA = new CaseLoad();
    CaseLoad onB = new CaseLoad();
    onA.start(nodeA.port(), 2);
    onB.start(nodeB.port(), 2);
    Thread.sleep(4_000);
    nodeB.kill();
    Thread.sleep(2_000);
    onA.stop();
    onB.stop();
    Set<String> acknowledged = new HashSet<>(onA.acknowledgedCases);
    acknowledged.addAll(onB.acknowledgedCases);
    Set<String> completions = new HashSet<>(onA.acknowledgedCompletions);
    completions.addAll(onB.acknowledgedCompletions);

    EngineRestClient admin = new EngineRestClient(nodeA.port(), "admin");
    assertThat(CaseLoad.casesInHistory(admin)).as("cases acknowledged by either node").containsAll(acknowledged);
    assertThat(CaseLoad.completedTasksInHistory(admin)).as("completions acknowledged by either node").containsAll(completions);
    assertThat(onA.serverErrors.get()).as("5xx on the surviving node").isZero();
    CaseLoad.finishAllCases(admin);
    assertThat(admin.get("/history/process-instance/count?processDefinitionKey=disasterRecovery&unfinished=true").body()
        .get("count").asLong()).as("every case walked to its end").isZero();
    figures.append(String.format("  node B killed under load: %d cases acknowledged (%d by node B), all found and walked to the end on node A%n",
        acknowledged.size(), onB.acknowledgedCases.size()));
    // a node killed between the SMTP server's acceptance and its record of it: that one message goes again
    // (same Message-ID) when its claim runs out; nothing else may
    assertEveryMessageDelivered("after the kill", 1);
  }

  @Test
  @Order(5)
  void theDatabaseAwayFor15SecondsGives503sThatSaySo_andRebound_recoversByItself() throws Exception {
    String before = openCase(nodeA, "before the outage").number();
    postgres.stop();
    long back = System.currentTimeMillis() + 15_000;
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> bodies = new ArrayList<>();
    try {
      while (System.currentTimeMillis() < back) {
        HttpResponse<String> tasks = http(nodeA, "GET", "/engine-rest/task?maxResults=1", "admin", null);
        HttpResponse<String> report = http(nodeA, "POST", "/api/incidents", "tech",
            "{\"clientId\": \"" + CLIENT + "\", \"summary\": \"during the outage\", \"reportedBy\": \"test\"}");
        for (HttpResponse<String> r : List.of(tasks, report)) {
          statuses.merge(r.statusCode(), 1, Integer::sum);
          if (r.statusCode() >= 500) {
            bodies.add(r.body());
          }
        }
        Thread.sleep(1_000);
      }
    } finally {
      postgres.start();
    }
    figures.append("  database away for 15 s: answers by status " + statuses + "\n");
    assertThat(statuses.keySet()).as("while the database is away").containsOnly(503);
    // /engine-rest answers Camunda's shape, Rebound's /api a problem (RFC 9457); both say what is wrong
    assertThat(bodies).allSatisfy(body -> assertThat(body).containsAnyOf("\"type\":\"DatabaseUnavailable\"",
            "\"type\":\"urn:rebound:problem:database-unavailable\"").contains("not reachable")
        .doesNotContain("at org.", "at com.", "SQL", "PSQL", "Exception:"));

    long until = System.currentTimeMillis() + 60_000;
    int status = 0;
    while (System.currentTimeMillis() < until && status != 201) {
      status = http(nodeA, "POST", "/api/incidents", "tech",
          "{\"clientId\": \"" + CLIENT + "\", \"summary\": \"after the outage\", \"reportedBy\": \"test\"}").statusCode();
      if (status != 201) {
        Thread.sleep(1_000);
      }
    }
    assertThat(status).as("Rebound works again by itself once the database is back").isEqualTo(201);
    assertThat(CaseLoad.casesInHistory(new EngineRestClient(nodeA.port(), "admin"))).contains(before);
    CaseLoad.finishAllCases(new EngineRestClient(nodeA.port(), "admin"));
    assertEveryMessageDelivered("after the outage", 1);
  }

  @Test
  @Order(6)
  void aWrongPasswordAtStartIsOneClearReport() throws Exception {
    ReboundProcess wrong = new ReboundProcess(Files.createDirectories(folder.resolve("wrong-password")),
        "--spring.profiles.active=postgres", "--spring.datasource.url=" + databaseUrl,
        "--spring.datasource.username=" + PostgresServer.USER, "--spring.datasource.password=not-the-password");
    wrong.launch();
    assertThat(wrong.awaitExit(Duration.ofSeconds(120))).isNotZero();
    String log = wrong.log(1);
    assertThat(log).contains("Rebound cannot reach its database " + databaseUrl + " as user 'rebound': the user name or password was refused",
        "SPRING_DATASOURCE_PASSWORD");
    assertThat(log.lines().filter(line -> line.startsWith("\tat ")).count()).as("stack trace lines in:%n%s", log).isZero();
  }

  // ---- walking cases

  private void walkWholeCase(int turn, String summary) {
    ReboundProcess first = turn % 2 == 0 ? nodeA : nodeB;
    walkToEnd(openCase(first, summary).instance(), turn + 1);
  }

  private void walkToEnd(String instance, int turn) {
    EngineRestClient admin = new EngineRestClient(nodeA.port(), "admin");
    for (int step = 0; step < 20; step++) {
      JsonNode open = admin.get("/task?maxResults=10&processInstanceId=" + instance).body();
      if (open.isEmpty()) {
        return;
      }
      complete((turn + step) % 2 == 0 ? nodeA : nodeB, instance, open.get(0).get("taskDefinitionKey").asText());
    }
    throw new AssertionError("case " + instance + " did not end");
  }

  private void complete(ReboundProcess node, String instance, String step) {
    EngineRestClient admin = new EngineRestClient(node.port(), "admin");
    JsonNode task = admin.get("/task?maxResults=1&processInstanceId=" + instance + "&taskDefinitionKey=" + step).body().get(0);
    EngineRestClient.Response done = admin.post("/task/" + task.get("id").asText() + "/complete",
        "{\"variables\": " + CaseLoad.HAPPY_PATH.get(step) + "}");
    assertThat(done.status()).as("%s of %s: %s", step, instance, done.body()).isEqualTo(204);
  }

  /** A case opened through the intake API of the node. */
  private record Case(String number, String instance) {
  }

  private Case openCase(ReboundProcess node, String summary) {
    HttpResponse<String> opened = http(node, "POST", "/api/incidents", "tech",
        "{\"clientId\": \"" + CLIENT + "\", \"summary\": \"" + summary + "\", \"reportedBy\": \"Emma Clarke\"}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    return new Case(field(opened.body(), "caseNumber"), field(opened.body(), "processInstanceId"));
  }

  private static String field(String json, String name) {
    Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    assertThat(value.find()).as("%s in %s", name, json).isTrue();
    return value.group(1);
  }

  /** The client submits on node A while a technician completes the task on node B; returns who won. */
  private String raceClientAgainstTechnician(int attempt) throws Exception {
    Case opened = openCase(attempt % 2 == 0 ? nodeA : nodeB, "race " + attempt);
    String caseNumber = opened.number();
    String instance = opened.instance();
    for (String step : List.of("assessImpact", "agreeObjectives", "recover", "verifyInternally")) {
      complete(attempt % 2 == 0 ? nodeB : nodeA, instance, step);
    }
    MimeMessage ready = mail.await("ready for testing of " + caseNumber,
        m -> MailRoom.subject(m).startsWith("[" + caseNumber + "] Recovery is ready"));
    Matcher link = ACCEPTANCE_LINK.matcher(MailRoom.html(ready));
    assertThat(link.find()).isTrue();
    String page = link.group(1);
    assertThat(form(nodeA, page + "/results", Map.of("testerName", "Emma", "tested", "Warehouse app", "outcome", "problem",
        "description", "Orders of today missing")).statusCode()).isEqualTo(303);
    String taskId = new EngineRestClient(nodeB.port(), "tech").get("/task?maxResults=1&processInstanceId=" + instance
        + "&taskDefinitionKey=clientAcceptance").body().get(0).get("id").asText();

    CountDownLatch go = new CountDownLatch(1);
    ExecutorService both = Executors.newFixedThreadPool(2);
    Future<Integer> client = both.submit(() -> {
      go.await();
      return form(nodeA, page + "/submit", Map.of("submittedBy", "Emma Clarke")).statusCode();
    });
    Future<EngineRestClient.Response> technician = both.submit(() -> {
      go.await();
      return new EngineRestClient(nodeB.port(), "tech").post("/task/" + taskId + "/complete",
          "{\"variables\": {\"clientAccepted\": {\"value\": true}}}");
    });
    go.countDown();
    int clientStatus = client.get();
    EngineRestClient.Response technicianAnswer = technician.get();
    both.shutdown();
    boolean clientWon = clientStatus == 303;
    boolean technicianWon = technicianAnswer.status() == 204;
    assertThat(clientWon ^ technicianWon).as("attempt %d: client %d, technician %d %s", attempt, clientStatus,
        technicianAnswer.status(), technicianAnswer.body()).isTrue();
    if (clientWon) {
      assertThat(technicianAnswer.status()).isEqualTo(404);
      assertThat(technicianAnswer.body().get("type").asText()).isEqualTo("TaskGone");
    } else {
      assertThat(clientStatus).as("the client is told the round is closed").isEqualTo(409);
    }
    assertThat(single("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = '" + instance
        + "' AND ACT_ID_ = 'clientAcceptance' AND END_TIME_ IS NOT NULL")).as("the task was answered once").isEqualTo(1);
    walkToEnd(instance, attempt);
    return clientWon ? "client" : "technician";
  }

  // ---- messages

  /**
   * Waits until the outbox is sent, then checks that each message reached each recipient, once, except at
   * most {@code resentAtMost} messages (counted since the start) that a killed node had handed to the
   * SMTP server without recording it: the outbox is at-least-once across a crash, never at-most-once.
   */
  private void assertEveryMessageDelivered(String when, int resentAtMost) throws Exception {
    long until = System.currentTimeMillis() + 120_000;
    // a message found out of date when its turn came (its case closed, its step answered) is DISCARDED, never sent
    while (single("SELECT COUNT(*) FROM rebound_outbox WHERE status NOT IN ('SENT', 'DISCARDED')") > 0 && System.currentTimeMillis() < until) {
      MailRoom.sleep(500);
    }
    assertThat(rows("SELECT id, status, last_error FROM rebound_outbox WHERE status NOT IN ('SENT', 'DISCARDED')"))
        .as("unsent messages").isEmpty();
    Map<String, Integer> deliveries = new HashMap<>();
    for (MimeMessage message : mail.smtp.getReceivedMessages()) {
      try {
        deliveries.merge(message.getMessageID(), 1, Integer::sum);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    int messages = 0;
    int expected = 0;
    int duplicates = 0;
    int resent = 0;
    int missing = 0;
    Map<String, Integer> sentBy = new TreeMap<>();
    for (List<String> row : rows("SELECT id, recipients, claimed_by, status FROM rebound_outbox")) {
      messages++;
      // a discarded message is owed no delivery (one, if a killed node had sent it before recording so, is a resend)
      int recipients = "DISCARDED".equals(row.get(3)) ? 0 : new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.get(1)).size();
      expected += recipients;
      int delivered = deliveries.entrySet().stream().filter(e -> e.getKey().startsWith("<outbox-" + row.get(0) + "."))
          .mapToInt(Map.Entry::getValue).sum();
      duplicates += Math.max(0, delivered - recipients);
      resent += delivered > recipients ? 1 : 0;
      missing += Math.max(0, recipients - delivered);
      sentBy.merge(row.get(2) == null ? "?" : row.get(2).replaceAll("/.*", ""), 1, Integer::sum);
    }
    figures.append(String.format("  %s: %d messages, %d deliveries expected, %d received, %d duplicates (%d messages resent), "
        + "%d missing; sent by %s%n", when, messages, expected, mail.smtp.getReceivedMessages().length, duplicates, resent, missing,
        sentBy));
    assertThat(resent).as("messages delivered twice (at most the one a killed node had in flight)").isLessThanOrEqualTo(resentAtMost);
    assertThat(missing).as("messages not delivered").isZero();
    assertThat(sentBy.keySet()).as("both nodes dispatch").contains("node-a", "node-b");
  }

  // ---- HTTP and SQL

  private static HttpResponse<String> http(ReboundProcess node, String method, String path, String user, String json) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  private static HttpResponse<String> form(ReboundProcess node, String path, Map<String, String> fields) throws Exception {
    String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Connection database() throws SQLException {
    return DriverManager.getConnection(databaseUrl, PostgresServer.USER, PostgresServer.PASSWORD);
  }

  private long single(String sql) throws SQLException {
    try (Connection connection = database(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private Map<String, Long> counts(String sql) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = database(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        counts.put(result.getString(1), result.getLong(2));
      }
    }
    return counts;
  }

  private List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = database(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
