package com.rebound.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.ReboundApplication;
import com.rebound.notify.MessageKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first real case as a new MSP runs it, in Chromium: a monitor's alert that turns out to be a false alarm is
 * dismissed in Tasklist before the client hears of it; the client's final report (HTML and PDF) names people, not
 * logins, keeps the internal review to the provider unless the manager shares it, and shows what the technician did
 * under "what was recovered".
 */
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:rebound-first-case;DB_CLOSE_DELAY=-1", "rebound.demo-users=true",
        "rebound.backup.cron=-"})
class FirstCaseBrowserIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  JdbcTemplate jdbc;

  private Browser browser;

  @RegisterExtension
  final FailureArtifacts failures = new FailureArtifacts(() -> browser);

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @Test
  void anAlertThatWasAFalseAlarmIsDismissedInTasklist_andTheClientHearsNothing() throws Exception {
    HttpResponse<String> integration = ApiCalls.call(port, "manager", "POST", "/api/integrations",
        "{\"name\": \"Uptime Kuma\", \"clients\": [\"northwind-logistics\"], \"clientLabel\": \"client\"}");
    assertThat(integration.statusCode()).as(integration.body()).isEqualTo(201);
    String token = JSON.readTree(integration.body()).get("token").asText();
    String key = "nas-down-" + UUID.randomUUID();
    HttpResponse<String> alert = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/alerts")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
            .put("client", "northwind-logistics").put("key", key).put("status", "firing").put("severity", "critical")
            .put("summary", "NAS does not answer").put("source", "uptime-kuma").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(alert.statusCode()).as(alert.body()).isEqualTo(200);
    String caseNumber = JSON.readTree(alert.body()).get("openedCases").get(0).asText();
    assertThat(clientMails(caseNumber)).as("nobody has looked yet: nothing to the client").isEmpty();

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    assertThat(browser.driver.findElements(By.cssSelector(".create-task-action, .start-process-action")))
        .as("Tasklist's generic Create task and Start process are there, hidden: cases start from Report a disaster")
        .hasSize(2).noneMatch(WebElement::isDisplayed);
    browser.clickText("Technicians' queue");
    browser.openTask(caseNumber, "Assess problem and impact");
    browser.claim();
    browser.waitFor(By.cssSelector(".fjs-form"));
    browser.pick("A false alarm: nothing happened");
    String form = browser.waitFor(By.cssSelector(".fjs-form")).getText();
    assertThat(form).as("a false alarm asks why, not the impact").contains("Why no recovery is needed")
        .doesNotContain("Impact level", "What is damaged");
    browser.type("Why no recovery is needed", "The NAS rebooted for its nightly update; it answered again 2 minutes later");
    browser.screenshot("30-false-alarm");
    browser.complete();

    Awaitility.await("the case closed").atMost(Duration.ofSeconds(20))
        .until(() -> JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseNumber, null).body()).path("state").asText(),
            "closed"::equals);
    JsonNode page = JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseNumber, null).body());
    assertThat(page.get("outcome").asText()).isEqualTo("dismissed");
    assertThat(clientMails(caseNumber)).as("a false alarm never reaches the client").isEmpty();
  }

  @Test
  void theClientsReportNamesPeople_keepsTheReviewInternalUnlessShared_andShowsWhatWasRecovered() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String kept = walk(steps, "Accounts share lost", false);
    String shared = walk(steps, "Printer queue lost", true);

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "manager");
    browser.consoleErrors();   // the webapps' own login asks for pages it does not have (404s): not the report's
    for (String caseNumber : List.of(kept, shared)) {
      browser.open("/console/case.html?case=" + caseNumber);
      browser.waitFor(By.cssSelector("#case:not([hidden]) #clock"));
      String html = browser.waitFor(By.id("report-html")).getAttribute("href");
      String pdf = pdfText(browser.waitFor(By.id("report-pdf")).getAttribute("href"));
      browser.open(html.substring(html.indexOf("/api/")));
      String page = browser.waitFor(By.tagName("body")).getText();
      browser.screenshot("31-report-" + caseNumber);
      for (String report : List.of(page, pdf)) {
        assertThat(report).as("the report of " + caseNumber).contains(caseNumber, "Gestoría López", "Tomás")
            .contains("Qué se ha recuperado").contains("Disk replaced; shares restored from last night's backup");
        assertThat(report.split("\\W+")).as("no login name").doesNotContain("tech", "manager");
        assertThat(report.indexOf("Qué se ha recuperado")).as("the technician's notes are under what was recovered")
            .isLessThan(report.indexOf("Disk replaced; shares restored"));
        if (caseNumber.equals(kept)) {
          assertThat(report).as("the internal review stays with the provider").doesNotContain("Our own slip", "Causa raíz");
        } else {
          assertThat(report).as("a review the manager shared").contains("Our own slip", "Causa raíz");
        }
      }
    }
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void roundTwosVerifyFormShowsRoundOnesDataLoss_andKeepsItWhenRetypedOrLeftAlone() throws Exception {
    CaseSteps steps = new CaseSteps(port, "default", runtime, tasks);
    String caseNumber = steps.open("ladrillos-garcia", "Quotes folder lost");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "humanError", "fileServer");
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 48}, "rpoHours": {"value": 24}, "approach": {"value": "recover"}, "agreedWith": {"value": "Juan García"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"dataLossHours\": {\"value\": 2}}");
    steps.complete(instance, "clientAcceptance", """
        {"clientAccepted": {"value": false}, "acceptanceIssues": {"value": "Two quotes of last week are missing"}}""");
    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.clickText("Technicians' queue");
    browser.openTask(caseNumber, "Verify recovery internally");
    browser.claim();
    browser.waitFor(By.cssSelector(".fjs-form"));
    browser.pick("Passed: ready for the client's users to test");
    assertThat(browser.fieldByLabel("Recent data lost (hours)").getDomProperty("value")).as("round 1's answer, prefilled").isEqualTo("2");
    browser.type("Recent data lost (hours)", "2");
    browser.screenshot("32-round-two-verify");
    browser.complete();

    Awaitility.await("round 2 verified").atMost(Duration.ofSeconds(20))
        .until(() -> tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("clientAcceptance").count() == 1);
    assertThat(runtime.getVariable(instance, "dataLossHours")).as("retyped, kept").isEqualTo(2L);
    assertThat(JSON.readTree(ApiCalls.call(port, "tech", "GET", "/api/cases/" + caseNumber, null).body()).at("/rpo/dataLossHours")
        .asInt()).isEqualTo(2);
  }

  @Test
  void aDeepLinkSurvivesTheLogin_theSiteLeadsToTheConsole_andRefusedPagesShowOnlyTheirSentence() {
    browser = new Browser(port, 1400, 1000);
    browser.open("/console/lessons.html?q=disk");
    assertThat(browser.waitFor(By.cssSelector("input[placeholder=Username]")).isDisplayed()).as("a visitor is asked to log in").isTrue();
    browser.logInHere("tech");
    browser.waitFor(By.cssSelector("header.console a.current[data-link=lessons]"));
    browser.consoleErrors();
    assertThat(browser.driver.getCurrentUrl()).as("back where the visitor was going").endsWith("/console/lessons.html?q=disk");

    browser.open("/");
    browser.waitFor(By.cssSelector("header.console a.current[data-link=cases]"));
    assertThat(browser.driver.getCurrentUrl()).as("the cases, with no filter").matches(".*/console/\\??$");

    browser.open("/console/dashboard.html");
    assertThat(browser.waitFor(By.id("message")).getText()).isEqualTo("The dashboard is for managers.");
    assertThat(browser.driver.findElements(By.cssSelector("main > :not(#message):not(h1)"))).as("no filters, tiles or charts")
        .isNotEmpty().noneMatch(WebElement::isDisplayed);

    browser.open("/camunda/app/cockpit/default/");
    String cockpit = browser.waitFor(By.tagName("body")).getText();
    assertThat(cockpit).as("no Spring error page").doesNotContain("Whitelabel");
    assertThat(browser.loginFormShown() || cockpit.contains("This page is not for your account")).as(cockpit).isTrue();
    browser.consoleErrors();   // the webapps' own login asks for pages it does not have (404s): not Rebound's pages

    browser.open("/new-case/");
    browser.waitFor(By.cssSelector("header.console a.current[data-link=new-case]"));
    assertThat(browser.computedStyle(By.cssSelector("header.console"), "display")).as("the console's header").isNotEqualTo("none");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  /** A Gestoría López case walked to its end with the technician's notes, reviewed (shared with the client or not). */
  private String walk(CaseSteps steps, String summary, boolean shareReview) throws Exception {
    String caseNumber = steps.open("gestoria-lopez", summary);
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "hardware", "fileServer");
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 4}, "approach": {"value": "recover"}, "agreedWith": {"value": "Luisa López"}}""");
    steps.complete(instance, "recover", """
        {"recoveryOutcome": {"value": "done"}, "recoveryNotes": {"value": "Disk replaced; shares restored from last night's backup"}}""");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}}");
    steps.complete(instance, "clientAcceptance", "{\"clientAccepted\": {\"value\": true}}");
    assertThat(steps.review(instance, "Our own slip: the spare disk was not labelled", "The backup was there", "[]", shareReview)
        .status()).isEqualTo(204);
    steps.offerPrevention(instance);
    return caseNumber;
  }

  /** The PDF behind a link, fetched with the browser's session, as text. */
  private String pdfText(String url) throws Exception {
    String base64 = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], { credentials: 'same-origin' }).then(async (r) => {
          const bytes = new Uint8Array(await r.arrayBuffer());
          let text = '';
          bytes.forEach((b) => { text += String.fromCharCode(b); });
          done(btoa(text));
        });""", url);
    try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(base64))) {
      return new PDFTextStripper().getText(document);
    }
  }

  private List<String> clientMails(String caseNumber) {
    return jdbc.queryForList("SELECT kind FROM rebound_outbox WHERE case_number = ? ORDER BY id", String.class, caseNumber).stream()
        .filter(kind -> !MessageKind.valueOf(kind).toStaff()).toList();
  }
}
