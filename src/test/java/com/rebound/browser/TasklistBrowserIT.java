package com.rebound.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.EngineRestClient;
import com.rebound.ReboundApplication;
import com.rebound.acceptance.MailRoom;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What people click, in a real browser: Debian's headless Chromium against Rebound on a random port
 * with a fresh database. Screenshots of the main steps land in target/browser-screenshots/.
 */
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:rebound-browser;DB_CLOSE_DELAY=-1", "rebound.demo-users=true",
        "rebound.backup.cron=-", "rebound.public-url=https://rebound.example.test", "rebound.mail.poll-interval=PT0.2S"})
class TasklistBrowserIT {

  static final MailRoom MAIL = new MailRoom();

  @org.springframework.test.context.DynamicPropertySource
  static void smtp(org.springframework.test.context.DynamicPropertyRegistry registry) {
    MAIL.register(registry);
  }

  @org.junit.jupiter.api.AfterAll
  static void stopSmtp() {
    MAIL.smtp.stop();
  }

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  com.rebound.clients.ClientService clients;

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

  private JsonNode reportByApi(String client, String summary) {
    EngineRestClient.Response started = new EngineRestClient(port, "tech").post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "%s"}, "reportedBy": {"value": "Monitoring"}, "summary": {"value": "%s"}}}"""
        .formatted(client, summary));
    assertThat(started.status()).isEqualTo(200);
    return started.body();
  }

  private Task openTask(String instance) {
    // the case's runbook, if one runs, walked by its shortest way (the runbooks have tests of their own)
    org.camunda.bpm.engine.runtime.ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
    if (running != null) {
      com.rebound.RunbookSteps.finish(tasks, running.getBusinessKey());
    }
    return tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }

  @Test
  void technicianClaimsAndCompletesTheAssessmentInTasklist() {
    JsonNode started = reportByApi("gestoria-lopez", "File server does not boot, see [the manual](https://evil.example)");
    String caseNumber = started.get("businessKey").asText();
    String instance = started.get("id").asText();

    browser = new Browser(port, 1400, 1000);
    assertThat(browser.loginHeader()).as("the login page is Rebound's").isEqualTo("Rebound Tasklist");
    browser.logIn("tasklist", "tech");
    assertThat(browser.waitFor(By.cssSelector(".navbar-brand")).getText()).contains("Rebound Tasklist");
    assertThat(browser.driver.findElements(By.cssSelector(".ce-eol-banner")))
        .as("Camunda's end-of-life banner is hidden").noneMatch(org.openqa.selenium.WebElement::isDisplayed);
    browser.clickText("Technicians' queue");
    assertThat(browser.taskCard(caseNumber, "Assess problem and impact").getText()).as("case, client, due date and priority at a glance")
        .contains(caseNumber).contains("Gestoría López").contains("Due").contains("60");
    browser.screenshot("1-technicians-queue");

    browser.openTask(caseNumber, "Assess problem and impact");
    browser.claim();
    browser.waitFor(By.cssSelector("button[ng-click='complete()']"));
    String form = browser.waitFor(By.cssSelector(".fjs-form")).getText();
    assertThat(form).contains("Case " + caseNumber).contains("Gestoría López").contains("File server does not boot")
        .contains("Impact level").contains("Users affected").contains("Data loss suspected?").contains("Probable cause")
        .contains("What is damaged");
    assertThat(form).as("text people typed is shown as typed, not as Markdown").contains("see [the manual](https://evil.example)");
    assertThat(browser.driver.findElements(By.cssSelector(".fjs-form a[href*='evil.example']"))).as("no link made of it").isEmpty();

    browser.choose("Impact level", "Major: key systems are down");
    browser.type("Users affected", "25");
    browser.pick("Yes, data may be lost");
    browser.choose("Probable cause", "Hardware failure");
    // "What is damaged" left empty: the form must refuse
    browser.complete();
    assertThat(browser.fieldErrors()).as("errors shown for the empty required field").isPositive();
    assertThat(openTask(instance).getTaskDefinitionKey()).as("refused: still assessing").isEqualTo("assessImpact");

    browser.type("What is damaged", "FS01 system disk; shares \\\\fs01\\clientes unreachable");
    browser.screenshot("2-assess-impact-form");
    browser.complete();

    Task next = openTask(instance);
    assertThat(next.getTaskDefinitionKey()).isEqualTo("agreeObjectives");
    Map<String, Object> variables = runtime.getVariables(instance);
    assertThat(variables.get("impactLevel")).isEqualTo("major");
    assertThat(variables.get("usersAffected")).isEqualTo(25L);
    assertThat(variables.get("dataLossSuspected")).isEqualTo(Boolean.TRUE);
    assertThat(variables.get("probableCause")).isEqualTo("hardware");
    assertThat(variables.get("damagedScope")).asString().contains("FS01");
  }

  @Test
  void objectivesRecoveryVerificationAndAFailedAcceptanceSendTheCaseBackToRecovery() {
    JsonNode started = reportByApi("ladrillos-garcia", "Quotes spreadsheet lost");
    String caseNumber = started.get("businessKey").asText();
    String instance = started.get("id").asText();
    tasks.complete(openTask(instance).getId(), Map.of("impactLevel", "minor", "usersAffected", 1L, "dataLossSuspected", true,
        "probableCause", "humanError", "damagedScope", "quotes.xlsx overwritten"));

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.clickText("Technicians' queue");

    browser.openTask(caseNumber, "Agree recovery objectives with the client");
    browser.claim();
    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText()).as("earlier choices in the words of their form")
        .contains("Yes, data may be lost", "Human error").doesNotContain("humanError");
    browser.type("Recovery time objective (RTO), hours", "8");
    browser.type("Recovery point objective (RPO), hours", "24");
    browser.pick("Recover the data and systems");
    browser.type("Agreed with", "Juan García (owner)");
    browser.complete();
    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("recover");
    assertThat(runtime.getVariable(instance, "rtoHours")).isEqualTo(8L);

    browser.openTask(caseNumber, "Recover data and systems");
    browser.claim();
    browser.pick("Recovered: ready for our internal checks");
    browser.type("What was done", "Previous version restored from shadow copies");
    browser.complete();
    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("verifyInternally");

    browser.openTask(caseNumber, "Verify recovery internally");
    browser.claim();
    browser.pick("Passed: ready for the client's users to test");
    browser.complete();
    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("clientAcceptance");
    assertThat(runtime.getVariable(instance, "internalCheckPassed")).isEqualTo(Boolean.TRUE);

    browser.openTask(caseNumber, "Client acceptance testing");
    browser.claim();
    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText()).contains("Acceptance round 1");
    browser.pick("Problems found: back to recovery");
    browser.type("Problems the client's users found", "The June quotes are still missing");
    browser.screenshot("3-client-acceptance-rejected");
    browser.complete();

    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("recover");
    assertThat(runtime.getVariable(instance, "clientAccepted")).isEqualTo(Boolean.FALSE);
    assertThat(runtime.getVariable(instance, "acceptanceIssues")).isEqualTo("The June quotes are still missing");
    assertThat(runtime.getVariable(instance, "acceptanceRounds")).isEqualTo(1L);
  }

  @Test
  void theClientsUsersTestOnAPhoneFromTheEmailedLink_aProblemSendsTheCaseBack() {
    JsonNode started = reportByApi("ladrillos-garcia", "Hoja de presupuestos perdida");
    String caseNumber = started.get("businessKey").asText();
    String instance = started.get("id").asText();
    tasks.complete(openTask(instance).getId(), Map.of("impactLevel", "minor", "usersAffected", 2L, "dataLossSuspected", true,
        "probableCause", "humanError", "damagedScope", "presupuestos.xlsx sobrescrito"));
    tasks.complete(openTask(instance).getId(), Map.of("rtoHours", 48L, "rpoHours", 24L, "approach", "recover", "agreedWith", "Juan García"));
    tasks.complete(openTask(instance).getId(), Map.of("recoveryOutcome", "done"));
    tasks.complete(openTask(instance).getId(), Map.of("internalCheckPassed", true,
        "testInstructions", "Abran presupuestos.xlsx y comprueben los de junio"));

    String mail = MailRoom.html(MAIL.await("ready for testing", m -> MailRoom.subject(m).startsWith("[" + caseNumber + "] La recuperación")));
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://rebound\\.example\\.test(/acceptance/[A-Za-z0-9_-]+)").matcher(mail);
    assertThat(link.find()).as("link in the mail").isTrue();

    browser = new Browser(port, 390, 844);   // a phone
    browser.open(link.group(1));
    assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Pruebe la recuperación");
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains(caseNumber, "Construcciones y Ladrillos García",
        "Abran presupuestos.xlsx y comprueben los de junio", "Todavía no hay resultados");
    assertThat(noHorizontalScroll()).as("fits the phone's width").isTrue();
    browser.screenshot("6-acceptance-phone");

    recordResult("Juan García", "Presupuestos de mayo", "ok", null);
    assertThat(browser.waitFor(By.cssSelector(".notice.ok")).getText()).isEqualTo("Su resultado se ha guardado. Gracias.");
    browser.submit(browser.driver.findElement(By.cssSelector("form[action$='/results'] button")));   // nothing filled in
    assertThat(browser.waitFor(By.cssSelector(".notice.problem")).getText()).isEqualTo("Corrija los campos marcados abajo.");
    assertThat(browser.driver.findElements(By.cssSelector(".error"))).extracting(org.openqa.selenium.WebElement::getText)
        .contains("Rellene este campo.", "Indique si funciona o si hay un problema.");
    assertThat(browser.consoleErrors()).as("only the refused empty result, logged by the browser as a 400")
        .singleElement().asString().contains("/results", "400");
    recordResult("Marta Ruiz", "Presupuestos de junio", "problem", "Faltan los presupuestos de junio");
    assertThat(browser.driver.findElements(By.cssSelector("ul.results li"))).hasSize(2);
    assertThat(noHorizontalScroll()).isTrue();
    browser.screenshot("7-acceptance-phone-two-results");

    WebElement contact = browser.driver.findElement(By.name("submittedBy"));
    browser.click(contact);
    contact.sendKeys("Juan García");
    browser.submit(browser.driver.findElement(By.cssSelector("form[action$='/submit'] button")));
    assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Esta ronda está cerrada");
    assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("Juan García", "se encontraron problemas");
    browser.screenshot("8-acceptance-phone-closed");
    assertThat(browser.consoleErrors()).as("console errors").isEmpty();

    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("recover");
    assertThat(runtime.getVariable(instance, "acceptanceIssues").toString()).contains("Marta Ruiz", "Faltan los presupuestos de junio");
  }

  @Test
  void technicianRecordsAConsentGivenByPhone_managerOffersTheRecommendedPrevention() {
    JsonNode started = reportByApi("gestoria-lopez", "Ransomware en el servidor");
    String caseNumber = started.get("businessKey").asText();
    String instance = started.get("id").asText();
    tasks.complete(openTask(instance).getId(), Map.of("impactLevel", "partial", "usersAffected", 4L, "dataLossSuspected", true,
        "probableCause", "ransomware", "damagedScope", "FS01 encrypted"));
    tasks.complete(openTask(instance).getId(), Map.of("rtoHours", 8L, "rpoHours", 24L, "approach", "restore", "agreedWith", "Luisa López"));

    // ransomware: the runbook's first step, in the technicians' queue with the case's header
    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.clickText("Technicians' queue");
    browser.openTask(caseNumber, "Contain: isolate the systems, disable the accounts");
    browser.claim();
    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText()).as("the case's header on the runbook's step")
        .contains("Case " + caseNumber, "Gestoría López", "Ransomware en el servidor", "do not switch them off");
    browser.type("Systems isolated", "FS01 unplugged at 09:40");
    browser.type("Accounts disabled", "administrador, used at 03:12");
    browser.screenshot("5-ransomware-runbook-step");
    browser.complete();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey("preserveEvidence").count())
        .as("the runbook goes on").isOne();

    tasks.complete(openTask(instance).getId(), Map.of("restorationMethod", "virtualMachine", "expectedDataLoss", "Changes since Sunday 22:00",
        "askConsentByLink", true));

    browser.clickText("Technicians' queue");
    browser.openTask(caseNumber, "Get the client's consent");
    browser.claim();
    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText())
        .contains("Bring the systems up on a virtual machine", "Changes since Sunday 22:00").doesNotContain("virtualMachine");
    browser.pick("The client consents to the restoration and its losses");
    browser.type("Consent given or refused by", "Luisa López, by phone");
    browser.complete();
    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("restoreToVm");
    assertThat(runtime.getVariable(instance, "clientAnsweredVia")).isEqualTo("tasklist");
    tasks.complete(openTask(instance).getId(), Map.of("vmDetails", "VM on the backup host"));

    // after ransomware the internal check asks what was checked for what the attackers left, before production
    browser.clickText("Technicians' queue");
    browser.openTask(caseNumber, "Verify recovery internally");
    browser.claim();
    browser.pick("Passed: ready for the client's users to test");
    browser.type("Checked for what the attackers left", "Scheduled tasks, services, admins group, AnyDesk: nothing left");
    browser.complete();
    assertThat(runtime.getVariable(instance, "persistenceCheck")).isEqualTo("Scheduled tasks, services, admins group, AnyDesk: nothing left");
    browser.close();

    tasks.complete(openTask(instance).getId(), Map.of("clientAccepted", true));
    tasks.complete(openTask(instance).getId(), Map.of("rootCause", "Phishing mail opened", "lessonsLearned", "Train the staff"));

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "manager");
    browser.consoleErrors();
    browser.clickText("Managers' queue");
    browser.openTask(caseNumber, "Offer prevention to the client");
    browser.claim();
    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText()).contains("Recommended for this client",
        "Off-site or cloud copy of the backups", "Immutable or offline backup copies", "Training for your staff",
        "Multi-factor authentication").doesNotContain("Managed endpoint protection");
    browser.screenshot("11-offer-prevention");
    browser.pick("Considering it");
    browser.complete();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).as("case closed").isZero();
  }

  @Test
  void managerCompletesTheReviewInTasklist_withTwoActionItems_andAnotherWithNone() {
    JsonNode first = caseAtTheReview("gestoria-lopez", "NAS disks failing");
    JsonNode second = caseAtTheReview("ladrillos-garcia", "Laptop stolen");
    java.time.LocalDate due = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Madrid")).plusDays(20);

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "manager");
    browser.clickText("Managers' queue");
    browser.openTask(first.get("businessKey").asText(), "Post-incident review");
    browser.claim();
    assertThat(browser.driver.findElements(By.xpath("//label[normalize-space(.)='What' or normalize-space(.)='What*']")))
        .as("the list starts with no item").isEmpty();
    browser.type("Root cause", "The NAS disks were never monitored");
    browser.type("What to improve", "Monitor the disks");
    browser.addListItem("Action items");
    browser.addListItem("Action items");
    browser.complete();
    assertThat(browser.fieldErrors()).as("empty rows are refused, with their errors shown").isPositive();
    assertThat(openTask(first.get("id").asText()).getTaskDefinitionKey()).isEqualTo("postIncidentReview");
    browser.typeInRow(0, "What", "Install SMART monitoring");
    browser.typeInRow(0, "Owner", "tech");
    browser.typeDate(0, "Due", due);
    browser.typeInRow(1, "What", "Buy a second NAS");
    browser.typeInRow(1, "Owner", "luisa@gestorialopez.example");
    browser.typeDate(1, "Due", due);
    browser.screenshot("12-review-with-action-items");
    browser.complete();
    assertThat(openTask(first.get("id").asText()).getTaskDefinitionKey()).as("the review with two items is completed in Tasklist")
        .isEqualTo("offerPrevention");
    assertThat(String.valueOf(runtime.getVariable(first.get("id").asText(), "actionItems")))
        .contains("Install SMART monitoring", "Buy a second NAS", due.toString());

    browser.clickText("Managers' queue");
    browser.openTask(second.get("businessKey").asText(), "Post-incident review");
    browser.claim();
    browser.type("Root cause", "A laptop left in a car");
    browser.type("What to improve", "Encrypt every laptop's disk");
    browser.complete();
    assertThat(browser.fieldErrors()).as("no error for a review without action items").isZero();
    assertThat(openTask(second.get("id").asText()).getTaskDefinitionKey()).as("the review with no item is completed in Tasklist")
        .isEqualTo("offerPrevention");
  }

  /** A case reported and walked (over the engine's API) to its post-incident review. */
  private JsonNode caseAtTheReview(String client, String summary) {
    JsonNode started = reportByApi(client, summary);
    String instance = started.get("id").asText();
    tasks.complete(openTask(instance).getId(), Map.of("impactLevel", "partial", "usersAffected", 3L, "dataLossSuspected", false,
        "probableCause", "hardware", "damagedScope", "The shares"));
    tasks.complete(openTask(instance).getId(), Map.of("rtoHours", 8L, "rpoHours", 24L, "approach", "recover", "agreedWith", "The client"));
    tasks.complete(openTask(instance).getId(), Map.of("recoveryOutcome", "done"));
    tasks.complete(openTask(instance).getId(), Map.of("internalCheckPassed", true));
    tasks.complete(openTask(instance).getId(), Map.of("clientAccepted", true));
    assertThat(openTask(instance).getTaskDefinitionKey()).isEqualTo("postIncidentReview");
    return started;
  }

  @Test
  void managerReadsTheOutboxAndWhatWasSent() {
    JsonNode started = reportByApi("gestoria-lopez", "Servidor de correo caído");
    String caseNumber = started.get("businessKey").asText();
    MAIL.await("case opened", m -> MailRoom.subject(m).startsWith("[" + caseNumber + "] Nos ponemos en marcha"));

    browser = new Browser(port, 1400, 1000);
    browser.logIn("cockpit", "manager");
    browser.consoleErrors();
    browser.open("/outbox/");
    assertThat(browser.waitFor(By.cssSelector("#chart .SENT")).getText()).startsWith("sent");
    org.openqa.selenium.WebElement row = browser.waitFor(By.xpath("//tr[td[normalize-space(.)=" + "'" + caseNumber + "'" + "]]"));
    assertThat(row.getText()).contains("Nos ponemos en marcha", "luisa@gestorialopez.example", " sent ");
    browser.screenshot("9-outbox");
    row.click();
    assertThat(browser.waitFor(By.id("detail-subject")).getText()).contains(caseNumber);
    browser.driver.switchTo().frame("detail-body");
    assertThat(browser.waitFor(By.tagName("body")).getText()).contains("Hemos registrado su incidencia", "Servidor de correo caído");
    assertThat(browser.computedStyle(By.tagName("body"), "font-family")).as("the mail's own styles apply under the CSP")
        .contains("Arial");
    browser.driver.switchTo().defaultContent();
    browser.screenshot("10-outbox-message");
    assertThat(browser.consoleErrors()).as("console errors (a style refused by the CSP would be one)").isEmpty();

    browser.open("/api/incidents/" + caseNumber + "/report?language=es");
    assertThat(browser.waitFor(By.tagName("h1")).getText()).contains(caseNumber);
    assertThat(browser.computedStyle(By.tagName("h1"), "color")).as("the report's styles apply under the CSP")
        .isEqualTo("rgb(26, 95, 180)");
    assertThat(browser.computedStyle(By.tagName("body"), "font-family")).contains("Helvetica");
    browser.screenshot("11-report-html");
    assertThat(browser.consoleErrors()).as("console errors on the report").isEmpty();
  }

  private void recordResult(String name, String tested, String outcome, String description) {
    type(By.name("testerName"), name);
    type(By.name("tested"), tested);
    browser.click(browser.driver.findElement(By.cssSelector("input[name=outcome][value=" + outcome + "]")));
    if (description != null) {
      type(By.name("description"), description);
    }
    browser.submit(browser.driver.findElement(By.cssSelector("form[action$='/results'] button")));
  }

  private void type(By by, String text) {
    WebElement field = browser.waitFor(by);
    browser.click(field);
    field.clear();
    field.sendKeys(text);
  }

  private boolean noHorizontalScroll() {
    return (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver)
        .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
  }

  @Test
  void managerCreatesAClientOnTheClientsPage_badFieldsAreShownOnThePage() {
    browser = new Browser(port, 1400, 1000);
    browser.logIn("cockpit", "manager");
    browser.consoleErrors();
    browser.open("/clients/");
    browser.waitFor(By.xpath("//tbody/tr[contains(., 'Gestoría López')]"));
    browser.click(browser.waitFor(By.id("new-client")));
    for (String[] value : new String[][] {{"id", "talleres-martin"}, {"name", "Talleres Martín"}, {"sector", "Car repair"},
        {"userCount", "6"}, {"responseTimeMinutes", "120"}, {"rtoHours", "24"}, {"rpoHours", "24"},
        {"contacts[0].name", "Ana Martín"}, {"contacts[0].email", "not-an-address"}}) {
      browser.driver.findElement(By.name(value[0])).sendKeys(value[1]);
    }
    browser.click(browser.driver.findElement(By.id("save")));
    assertThat(browser.waitFor(By.cssSelector(".error")).getText()).contains("contacts[0].email");
    browser.screenshot("5-clients-page-error");
    assertThat(browser.consoleErrors()).as("only the refused save, logged by the browser as a 400")
        .allMatch(e -> e.contains("/api/clients") && e.contains("400"));

    browser.driver.findElement(By.name("contacts[0].email")).clear();
    browser.driver.findElement(By.name("contacts[0].email")).sendKeys("ana@talleres.example");
    // a second contact, and a protection chosen by its name
    browser.click(browser.driver.findElement(By.id("add-contact")));
    browser.driver.findElement(By.name("contacts[1].name")).sendKeys("Luis Martín");
    browser.driver.findElement(By.name("contacts[1].email")).sendKeys("luis@talleres.example");
    browser.click(browser.driver.findElement(By.xpath("//label[normalize-space(.)='Off-site copy of the backups']/input")));
    browser.click(browser.driver.findElement(By.id("save")));
    browser.waitFor(By.xpath("//tbody/tr[contains(., 'Talleres Martín')]"));
    assertThat(browser.driver.findElement(By.id("message")).getText()).contains("Saved: Talleres Martín.");
    assertThat(clients.find("talleres-martin").orElseThrow().contacts()).extracting(c -> c.email())
        .containsExactly("ana@talleres.example", "luis@talleres.example");
    assertThat(clients.find("talleres-martin").orElseThrow().protections()).contains("offsiteCopy");

    // every contact can be seen, edited and removed
    browser.click(browser.driver.findElement(By.xpath("//tbody/tr[contains(., 'Talleres Martín')]")));
    assertThat(browser.waitFor(By.name("contacts[1].email")).getDomProperty("value")).isEqualTo("luis@talleres.example");
    browser.driver.findElement(By.name("contacts[0].phone")).sendKeys("+34 600 000 001");
    browser.click(browser.driver.findElement(By.xpath("(//div[@class='contact'])[2]//button[.='Remove']")));
    browser.screenshot("5b-clients-page-contacts");
    browser.click(browser.driver.findElement(By.id("save")));
    browser.waitFor(By.xpath("//p[@id='message' and contains(., 'Saved')]"));
    assertThat(clients.find("talleres-martin").orElseThrow().contacts()).singleElement()
        .satisfies(c -> assertThat(c.phone()).isEqualTo("+34 600 000 001"));
    assertThat(browser.consoleErrors()).as("console errors on the clients page").isEmpty();
  }

  @Test
  void aVisitorWithoutLoginIsSentToTheLogin_andTasklistLinksTheClientsPage() {
    browser = new Browser(port, 1400, 1000);
    browser.open("/clients/");
    assertThat(browser.waitFor(By.cssSelector("input[placeholder=Username]")).isDisplayed()).as("the login form").isTrue();
    assertThat(browser.driver.getCurrentUrl()).contains("/camunda/app/tasklist/");
    browser.logInHere("tech");
    browser.waitFor(By.xpath("//tbody/tr[contains(., 'Northwind Logistics')]"));
    assertThat(browser.driver.getCurrentUrl()).as("back on the page the visitor asked for").endsWith("/clients/");

    browser.open("/camunda/app/tasklist/default/");
    org.openqa.selenium.WebElement clientsLink = browser.waitFor(By.cssSelector("a.rebound-link[href='/clients/']"));
    assertThat(browser.driver.findElements(By.cssSelector("a.rebound-link[href='/outbox/']"))).as("no outbox for technicians").isEmpty();
    clientsLink.click();
    browser.waitFor(By.xpath("//tbody/tr[contains(., 'Northwind Logistics')]"));
  }

  @Test
  void technicianReportsADisasterByChoosingTheClient_andReadsTheCaseNumber() {
    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.consoleErrors();
    browser.waitFor(By.cssSelector("a.rebound-link[href='/new-case/']")).click();
    new org.openqa.selenium.support.ui.Select(browser.waitFor(By.name("clientId"))).selectByVisibleText(
        "Construcciones y Ladrillos García (basic, RTO 48 h)");
    browser.driver.findElement(By.name("reportedBy")).sendKeys("Juan García (owner)");
    browser.click(browser.driver.findElement(By.id("open-case")));   // nothing happened yet: refused
    assertThat(browser.waitFor(By.cssSelector(".error")).getText()).isNotBlank();
    assertThat(browser.driver.findElement(By.id("message")).getText()).contains("correct the fields");
    browser.driver.findElement(By.name("summary")).sendKeys("La hoja de presupuestos ha desaparecido");
    browser.driver.findElement(By.name("affectedSystems")).sendKeys("presupuestos.xlsx, NAS");
    browser.click(browser.driver.findElement(By.id("open-case")));

    String caseNumber = browser.waitFor(By.id("case-number")).getText();
    assertThat(caseNumber).matches("DR-\\d{4}-\\d{4,}");
    assertThat(browser.driver.findElement(By.id("opened")).getText()).contains("Construcciones y Ladrillos García");
    browser.screenshot("0-report-a-disaster");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).singleResult()).isNotNull();
    assertThat(runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).singleResult().getId(),
        "clientId")).isEqualTo("ladrillos-garcia");
    assertThat(browser.consoleErrors()).as("only the refused first try").allMatch(e -> e.contains("/api/incidents") && e.contains("400"));
  }

  @Test
  void technicianReadsClientsButCannotEditThem() {
    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.consoleErrors();
    browser.open("/clients/");
    browser.waitFor(By.xpath("//tbody/tr[contains(., 'Northwind Logistics')]"));
    assertThat(browser.driver.findElement(By.id("new-client")).isDisplayed()).isFalse();
    assertThat(browser.driver.findElements(By.cssSelector("nav a")).stream().filter(org.openqa.selenium.WebElement::isDisplayed)
        .map(org.openqa.selenium.WebElement::getText)).as("only links a technician can use (the console's header)")
        .containsExactly("Cases", "Clients", "Action items", "Legal deadlines", "Lessons", "Report a disaster", "Tasklist");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void technicianHasNoCockpitOrAdmin_managerSeesTheCaseInCockpit() {
    JsonNode started = reportByApi("northwind-logistics", "Ransomware on the NAS");
    String caseNumber = started.get("businessKey").asText();

    browser = new Browser(port, 1400, 900);
    for (String app : new String[] {"cockpit", "admin"}) {
      browser.logIn(app, "tech");
      assertThat(browser.loginFormShown()).as("tech stays outside %s", app).isTrue();
    }
    browser.close();

    browser = new Browser(port, 1400, 900);
    browser.logIn("cockpit", "manager");
    assertThat(browser.loginFormShown()).isFalse();
    String definition = started.get("definitionId").asText();
    browser.open("/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime");
    browser.waitFor(By.cssSelector(".djs-container"));
    browser.waitFor(By.xpath("//*[contains(normalize-space(.), " + "'" + caseNumber + "')]"));
    assertThat(browser.driver.findElements(By.cssSelector(".djs-element")).size()).as("diagram drawn").isGreaterThan(30);
    browser.screenshot("4-cockpit-manager");
  }
}
