package com.rebound.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundApplication;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console in Debian's headless Chromium: a manager goes from Tasklist to the cases, filters them, opens a
 * case page and its PDF, then the dashboard with its charts drawn (no console error, the CSP included) and the
 * same numbers as /api/metrics; Cockpit links the console; a technician sees the cases but not the managers' pages.
 */
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:rebound-console;DB_CLOSE_DELAY=-1", "rebound.demo-users=true",
        "rebound.backup.cron=-"})
class ConsoleBrowserIT {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  javax.sql.DataSource dataSource;
  @Autowired
  com.rebound.notify.ClientStatusLinks statusLinks;

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
  void aManagerFiltersTheCases_opensACaseAndItsPdf_andReadsTheDashboard() throws Exception {
    String closed = closedCase();
    openCase("ladrillos-garcia", "Quotes folder deleted");
    try (java.sql.Connection db = dataSource.getConnection()) {
      // three years of an MSP's closed cases, so the dashboard has something to chart
      com.rebound.operations.CaseHistoryGenerator.generate(db, 12, 1500, 3);
    }

    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "manager");
    browser.consoleErrors();   // the webapps' own login asks for pages it does not have (404s): not the console's
    browser.waitFor(By.cssSelector("a.rebound-link[href='/console/']")).click();
    browser.waitFor(By.cssSelector("#cases tbody tr"));
    new Select(browser.waitFor(By.id("client"))).selectByVisibleText("Gestoría López");
    new Select(browser.driver.findElement(By.id("state"))).selectByValue("closed");
    browser.click(browser.driver.findElement(By.cssSelector("#filters button[type=submit]")));
    browser.waitFor(By.cssSelector("#cases tbody tr[data-case='" + closed + "']"));
    // the closed case was on the unfiltered page too: the filtered list is the one whose rows all match
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElements(By.cssSelector("#cases tbody tr")).stream()
            .allMatch(row -> row.getText().contains("Gestoría López") && row.getText().contains("closed")));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#cases tbody tr"));
    assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("Gestoría López", "closed"));
    assertThat(browser.driver.getCurrentUrl()).as("the filters are in the address").contains("client=gestoria-lopez", "state=closed");
    browser.screenshot("12-console-cases");

    browser.click(browser.driver.findElement(By.linkText(closed)));
    assertThat(browser.waitFor(By.cssSelector("#case:not([hidden]) #clock")).getText()).contains("RTO met", "Agreed: 8 h");
    assertThat(browser.driver.findElement(By.id("title")).getText()).contains(closed, "Gestoría López");
    assertThat(browser.driver.findElement(By.id("rounds")).getText()).contains("Round 1: accepted");
    browser.waitFor(By.xpath("//table[@id='timeline']//td[contains(., 'Assess problem and impact')]"));
    assertThat(browser.driver.findElement(By.id("mails-section")).isDisplayed()).as("a manager sees the case's mails").isTrue();
    String pdf = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(document.querySelector('#report-pdf').href, { credentials: 'same-origin' })
          .then(async (r) => done(r.status + ' ' + r.headers.get('content-type') + ' '
            + new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5))));""");
    assertThat(pdf).isEqualTo("200 application/pdf %PDF-");
    browser.screenshot("13-console-case");
    assertThat(browser.consoleErrors()).as("console errors on the case page").isEmpty();

    browser.click(browser.driver.findElement(By.cssSelector("header.console a[data-link=dashboard]")));
    browser.waitFor(By.cssSelector("#dashboard:not([hidden]) .tile"));
    Object drawn = ((JavascriptExecutor) browser.driver).executeScript(
        "return ['chart-volume', 'chart-recovery', 'chart-rto'].filter((id) => Chart.getChart(id)).length");
    assertThat(drawn).as("charts drawn by Chart.js").isEqualTo(3L);
    String opened = (String) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch('/api/metrics', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then((r) => r.json()).then((m) => done(String(m.totals.casesOpened) + '/' + String(m.totals.casesClosed)));""");
    List<String> tiles = browser.driver.findElements(By.cssSelector(".tile")).stream().map(WebElement::getText).toList();
    assertThat(tiles).contains(opened.split("/")[0] + "\ncases opened", opened.split("/")[1] + "\ncases closed");
    assertThat(browser.driver.findElement(By.id("now")).getText()).contains("Quotes folder deleted");
    assertThat(browser.driver.findElement(By.id("csv-now")).getAttribute("href")).contains("/api/metrics/csv?chart=now");
    browser.screenshot("14-console-dashboard");
    assertThat(browser.consoleErrors()).as("console errors on the dashboard (a script or style refused by the CSP would be one)")
        .isEmpty();

    browser.open("/camunda/app/cockpit/default/");
    WebElement fromCockpit = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(20))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("a.rebound-link[href='/console/dashboard.html']")));   // in Cockpit's bar, or under More
    browser.screenshot("15-cockpit-links-the-console");
    browser.open(fromCockpit.getAttribute("href").replaceFirst("^https?://[^/]+", ""));
    browser.waitFor(By.cssSelector("#dashboard:not([hidden]) .tile"));

    // a client's page lists its cases, each a link to the case
    browser.open("/clients/?id=gestoria-lopez");
    browser.waitForText(By.cssSelector("#client-case-list tbody"), closed, "closed");

    // an alert naming no known client is placed with one from the monitoring page: it opens the client's case
    String token = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(com.rebound.ApiCalls.call(port, "manager",
        "POST", "/api/integrations", "{\"name\": \"Central Zabbix\", \"allClients\": true, \"clientLabel\": \"customer\"}")
        .body()).get("token").asText();
    java.net.http.HttpResponse<String> alert = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/api/alerts")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"client\": \"ladrillos\", \"key\": \"nas01-down\", \"severity\": \"critical\", \"summary\": \"NAS01 down\"}"))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(alert.body()).contains("unmatched");
    browser.open("/monitoring/");
    WebElement place = browser.waitFor(By.cssSelector("#alerts form.place"));
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
        .until(d -> place.findElements(By.cssSelector("option")).size() > 1);
    new Select(place.findElement(By.tagName("select"))).selectByVisibleText("Construcciones y Ladrillos García");
    browser.click(place.findElement(By.tagName("button")));
    assertThat(browser.waitForText(By.id("message"), "Alert placed with Construcciones y Ladrillos García: opened DR-")).isNotEmpty();
    browser.waitForText(By.cssSelector("#alerts tbody"), "placed with client ladrillos-garcia by manager");
    browser.screenshot("16-monitoring-alert-placed");
    assertThat(browser.consoleErrors()).as("console errors on the monitoring page").isEmpty();
  }

  @Test
  void theLegalDeadlinesViewAndTheCasePageShowTheClocks() {
    String instance = openCase("gestoria-lopez", "Payroll files copied by an intruder");
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.consoleErrors();   // the webapps' own login's 404s
    browser.open("/console/case.html?case=" + caseNumber);
    browser.waitFor(By.cssSelector("#case:not([hidden])"));
    assertThat(browser.driver.findElement(By.id("legal-section")).isDisplayed()).as("no legal event yet").isFalse();
    assertThat(browser.driver.findElement(By.id("legal-move")).isDisplayed()).as("a technician does not move the moment").isFalse();
    browser.click(browser.driver.findElement(By.cssSelector("#legal-raise [data-fact=personalDataAffected]")));
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
    browser.waitForText(By.id("message"), "Personal data affected: recorded.");
    String section = browser.waitForText(By.cssSelector("#legal-section:not([hidden])"), "Moment of awareness", "recorded by tech");
    List<WebElement> clocks = browser.driver.findElements(By.cssSelector("#case-legal tbody tr[data-obligation]"));
    assertThat(clocks).extracting(row -> row.getAttribute("data-obligation"))
        .containsExactly(caseNumber + "-gdpr-processor", caseNumber + "-gdpr-authority");
    assertThat(clocks.get(0).getText()).contains("GDPR", "we (provider)", "24 h", "left", "open");
    assertThat(clocks.get(1).getText()).contains("AEPD", "the client", "72 h");
    assertThat(browser.driver.findElements(By.cssSelector("#case-legal .legal-clock .bar span"))).hasSize(2);
    assertThat(section).contains("Legal timeline");
    browser.screenshot("17-case-legal-clocks");
    assertThat(browser.consoleErrors()).as("console errors on the case page").isEmpty();

    browser.click(browser.driver.findElement(By.cssSelector("header.console a[data-link=legal]")));
    WebElement first = browser.waitFor(By.cssSelector("#obligations tbody tr[data-obligation]"));
    List<String> ids = browser.driver.findElements(By.cssSelector("#obligations tbody tr[data-obligation]")).stream()
        .map(row -> row.getAttribute("data-obligation")).toList();
    assertThat(ids).as("soonest first").containsSubsequence(caseNumber + "-gdpr-processor", caseNumber + "-gdpr-authority");
    assertThat(first.getText()).contains("GDPR");
    browser.waitForText(By.id("count-open"), String.valueOf(ids.size()));
    assertThat(browser.driver.findElement(By.cssSelector("#obligations tbody")).getText()).contains(caseNumber + " · Gestoría López");
    browser.screenshot("18-console-legal-deadlines");
    assertThat(browser.consoleErrors()).as("console errors on the legal deadlines page").isEmpty();

    // in Tasklist: the notice's draft is prefilled from the case; completed, the outbox sends it and the obligation is met
    browser.open("/camunda/app/tasklist/default/");
    browser.clickText("Technicians' queue");
    browser.openTask(caseNumber, "Review the notice");
    browser.claim();
    assertThat(browser.fieldByLabel("The nature of the breach").getDomProperty("value")).contains("Payroll files copied by an intruder");
    assertThat(browser.fieldByLabel("Contact point for more information").getDomProperty("value")).contains("dpo@gestorialopez.example");
    browser.type("Categories of people and of records concerned", "Employees: payroll, bank accounts");
    browser.type("Approximate number of people concerned", "25");
    browser.type("Approximate number of records concerned", "300 payslips");
    browser.type("The likely consequences of the breach", "Identity theft and fraud against the employees");
    browser.screenshot("19-tasklist-legal-notice");
    browser.complete();
    waitForState(caseNumber + "-gdpr-processor", "met");

    // the client's own notification did not apply: the hidden "filed" fields are not asked, the reason is
    browser.openTask(caseNumber, "Record it was filed");
    browser.claim();
    browser.pick("Did not apply");
    browser.type("Why it did not apply, or a remark", "Encrypted archive, key not taken: unlikely to result in a risk (documented)");
    browser.complete();
    waitForState(caseNumber + "-gdpr-authority", "notApplicable");
    assertThat(browser.consoleErrors()).as("console errors in Tasklist").isEmpty();
  }

  /** Waits until the legal obligation has that state (its notice is sent by the job executor). */
  private void waitForState(String obligationId, String state) {
    String caseNumber = obligationId.substring(0, "DR-2026-0000".length());
    new org.openqa.selenium.support.ui.FluentWait<>(obligationId).withTimeout(java.time.Duration.ofSeconds(20))
        .pollingEvery(java.time.Duration.ofMillis(300)).withMessage(obligationId + " " + state).until(id -> {
          try {
            String items = com.rebound.ApiCalls.call(port, "manager", "GET", "/api/legal/obligations?state=all&case=" + caseNumber, null).body();
            for (com.fasterxml.jackson.databind.JsonNode o : new com.fasterxml.jackson.databind.ObjectMapper().readTree(items).get("items")) {
              if (o.get("id").asText().equals(id) && o.get("state").asText().equals(state)) {
                return true;
              }
            }
            return false;
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  void theClientFollowsItsCaseLiveOnAPhone_inSpanish() {
    String instance = openCase("gestoria-lopez", "No podemos abrir la contabilidad desde esta mañana");
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    complete(instance, Map.of("impactLevel", "major", "usersAffected", 10L, "dataLossSuspected", true, "probableCause", "hardware",
        "damagedScope", "Ledger"));
    complete(instance, Map.of("rtoHours", 8L, "rpoHours", 4L, "approach", "recover", "agreedWith", "Luisa López"));
    String url = statusLinks.statusUrl(caseNumber, "es").orElseThrow();
    browser = new Browser(port, 412, 915);
    browser.open(url.replaceFirst("^https?://[^/]+", ""));
    String stage = browser.waitForText(By.id("stage"), "Recuperación", "Qué estamos haciendo ahora");
    assertThat(stage).contains("Evaluación", "Objetivos");
    assertThat(browser.driver.findElement(By.cssSelector("ol.progress li.now")).getText()).isEqualTo("Recuperación");
    assertThat(browser.driver.findElement(By.id("objectives")).getText()).contains("Tiempo de recuperación: 8 h", "4 h");
    Object wide = ((JavascriptExecutor) browser.driver).executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth");
    assertThat(wide).as("no sideways scrolling on a phone").isEqualTo(true);
    browser.screenshot("20-client-live-page-phone");
    assertThat(browser.consoleErrors()).as("console errors on the live page (the CSP included)").isEmpty();
  }

  @Test
  void tasklistSpeaksSpanishToABrowserThatAsksForIt_andEnglishOtherwise() {
    String instance = openCase("gestoria-lopez", "Tasklist en español");
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    browser = new Browser(port, 1400, 1000, "es-ES");
    browser.logIn("tasklist", "tech");
    browser.consoleErrors();   // the webapps' own login's 404s
    assertThat(browser.waitForText(By.cssSelector("a.rebound-link[href='/new-case/']"), "Comunicar un desastre")).isNotEmpty();
    browser.clickText("Cola de los técnicos");
    // the step's name in Spanish in the queue and on the task (the engine's task keeps the model's name)
    browser.openTask(caseNumber, "Evaluar el problema y el impacto");
    browser.waitForText(By.cssSelector("body"), "Reclamar");
    assertThat(browser.driver.findElement(By.cssSelector("body")).getText()).contains("Recuperación de desastres", "Caso:")
        .doesNotContain("Assess problem and impact", "Technicians' queue", "IT disaster recovery");
    assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getName()).isEqualTo("Assess problem and impact");
    // the step's form reads in Spanish too, and completes as in English (its fields' keys are the model's)
    browser.clickText("Reclamar");
    String form = browser.waitForText(By.cssSelector(".fjs-form"), "Evaluar el problema y el impacto", "Nivel de impacto");
    assertThat(form).contains("Caso " + caseNumber, "Usuarios afectados", "Causa probable").doesNotContain("Impact level");
    browser.choose("Nivel de impacto", "Grave: los sistemas clave están caídos");
    browser.type("Usuarios afectados", "12");
    browser.pick("Sí, puede haber datos perdidos");
    browser.choose("Causa probable", "Avería de hardware");
    browser.type("Qué está dañado", "El servidor de contabilidad");
    browser.screenshot("21-tasklist-spanish");
    browser.complete();
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(15)).until(d ->
        tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("agreeObjectives").count() == 1);
    assertThat(runtime.getVariable(instance, "impactLevel")).isEqualTo("major");
    assertThat(runtime.getVariable(instance, "probableCause")).isEqualTo("hardware");
    assertThat(browser.consoleErrors()).as("console errors in Spanish Tasklist").isEmpty();

    // Rebound's own pages in Spanish too: the case, the list of cases, report a disaster
    browser.open("/console/case.html?case=" + caseNumber);
    String page = browser.waitForText(By.cssSelector("#case:not([hidden])"), "Gravedad");
    assertThat(page).contains("Causa probable", "avería de hardware", "Reloj del RTO", "En qué punto está",
        "Acordar los objetivos de recuperación con el cliente", "Evaluar el problema y el impacto", " dic 2026")
        .doesNotContain("Probable cause", "Where it stands", "Agree recovery objectives", "Dec ");
    assertThat(browser.driver.findElement(By.cssSelector("header.console")).getText()).contains("Casos", "Comunicar un desastre");
    assertThat(browser.driver.findElement(By.cssSelector("html")).getDomAttribute("lang")).isEqualTo("es");
    browser.screenshot("22-console-case-spanish");
    browser.open("/console/");
    assertThat(browser.waitForText(By.id("page-info"), "Página 1 de")).doesNotContain("Page");
    browser.open("/new-case/");
    assertThat(browser.waitFor(By.cssSelector("main h1")).getText()).isEqualTo("Comunicar un desastre");
    assertThat(browser.consoleErrors()).as("console errors on Rebound's pages in Spanish").isEmpty();
    browser.close();

    String english = (String) runtime.getVariable(openCase("gestoria-lopez", "Tasklist in English"), "caseNumber");
    browser = new Browser(port, 1400, 1000, "en-US");
    browser.logIn("tasklist", "tech");
    browser.clickText("Technicians' queue");
    browser.openTask(english, "Assess problem and impact");
    browser.waitForText(By.cssSelector("body"), "Claim");
    assertThat(browser.driver.findElement(By.cssSelector("body")).getText()).doesNotContain("Reclamar");
    assertThat(browser.waitFor(By.cssSelector(".fjs-form")).getText()).contains("Case " + english, "Impact level")
        .doesNotContain("Caso ", "Nivel de impacto");
    browser.open("/console/case.html?case=" + english);
    assertThat(browser.waitForText(By.cssSelector("#case:not([hidden])"), "Severity")).contains("Probable cause")
        .doesNotContain("Gravedad");
  }

  @Test
  void aManagerReadsEveryReboundPageInSpanish() {
    String open = (String) runtime.getVariable(openCase("northwind-logistics", "Escáneres del almacén sin conexión"), "caseNumber");
    browser = new Browser(port, 1400, 1000, "es-ES");
    browser.logIn("tasklist", "manager");
    browser.consoleErrors();   // the webapps' own login's 404s
    // each page: its title in Spanish, the console's header in Spanish, what it loaded drawn, no script error
    Map<String, String> pages = new java.util.LinkedHashMap<>();
    pages.put("/console/", "Casos");
    pages.put("/console/case.html?case=" + open, open);
    pages.put("/console/dashboard.html", "Cómo va la recuperación");
    pages.put("/clients/", "Clientes");
    pages.put("/console/action-items.html", "Acciones de mejora");
    pages.put("/console/legal.html", "Plazos legales");
    pages.put("/console/lessons.html", "Lecciones aprendidas");
    pages.put("/outbox/", "Bandeja de salida");
    pages.put("/console/inbox.html", "Bandeja de entrada");
    pages.put("/monitoring/", "Monitorización");
    pages.put("/new-case/", "Comunicar un desastre");
    int shot = 30;
    for (Map.Entry<String, String> page : pages.entrySet()) {
      browser.open(page.getKey());
      browser.waitForText(By.cssSelector("main h1"), page.getValue());
      browser.waitForText(By.cssSelector("header.console"), "Panel", "Bandeja de salida", "Monitorización");
      browser.pause(300);   // what the page loads from the API, drawn
      assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).as(page.getKey())
          .doesNotContain("Previous", "Next", "Show", "Search", "could not be read");
      browser.screenshot((shot++) + "-spanish" + page.getKey().replaceAll("[^a-z]+", "-").replaceAll("-$", ""));
    }
    assertThat(browser.consoleErrors()).as("console errors on Rebound's pages in Spanish").isEmpty();
  }

  @Test
  void aTechnicianSeesTheCasesButNotTheManagersPages() {
    openCase("northwind-logistics", "Warehouse scanners offline");
    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.consoleErrors();   // the webapps' own login's 404s
    browser.waitFor(By.cssSelector("a.rebound-link[href='/console/']"));
    assertThat(browser.driver.findElements(By.cssSelector("a.rebound-link[href='/console/dashboard.html']"))).isEmpty();
    browser.open("/console/");
    browser.waitFor(By.xpath("//table[@id='cases']//td[contains(., 'Warehouse scanners offline')]"));
    assertThat(browser.driver.findElement(By.cssSelector("header.console a[data-link=dashboard]")).isDisplayed()).isFalse();
    assertThat(browser.driver.findElement(By.cssSelector("header.console a[data-link=outbox]")).isDisplayed()).isFalse();
    assertThat(browser.driver.findElement(By.cssSelector("header.console a[data-link=clients]")).isDisplayed()).isTrue();
    browser.open("/console/dashboard.html");
    assertThat(browser.waitFor(By.cssSelector("#message.problem")).getText()).isEqualTo("The dashboard is for managers.");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void theNextSimilarCaseIsToldWhatWasLearned_andActionItemsAndLessonsHaveTheirPages() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Madrid"));
    String past = reviewedRansomwareCase(today);
    String next = openCase("gestoria-lopez", "Invoices folder encrypted");
    String nextNumber = (String) runtime.getVariable(next, "caseNumber");
    complete(next, Map.of("impactLevel", "partial", "usersAffected", 8L, "dataLossSuspected", true, "probableCause", "ransomware",
        "damagedScope", "Invoices", "systemsHit", org.camunda.spin.Spin.JSON("[\"fileServer\"]")));

    browser = new Browser(port, 1400, 1100);
    browser.logIn("tasklist", "manager");
    browser.consoleErrors();   // the webapps' own login's 404s
    browser.clickText("Technicians' queue");
    browser.openTask(nextNumber, "Agree recovery objectives");
    WebElement seen = browser.waitFor(By.xpath("//div[contains(@class,'fjs-form-field-text')][.//h3[contains(., 'Seen before')]]"));
    assertThat(seen.getText()).contains(past, "Gestoría López", "Matched: same cause (ransomware); systems hit: file server; same client",
        "Learned: Keep an offline copy of the backups", "What worked: The night's backup was clean");
    assertThat(seen.findElement(By.cssSelector("a[href='/console/case.html?case=" + past + "']")).getText()).isEqualTo(past);
    ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", seen);
    browser.screenshot("16-tasklist-seen-before");

    browser.open("/console/action-items.html?state=open");
    browser.waitFor(By.cssSelector("#items tbody tr[data-item='" + past + "-A1']"));
    assertThat(browser.driver.findElement(By.id("scope")).getText()).isEqualTo("Every owner's action items, overdue first.");
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-item='" + past + "-A1']")).getText())
        .contains("Buy offline backup disks", "Marta Manager", today.plusDays(7).toString(), past);
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-item='" + past + "-A2']")).getText())
        .contains("Phishing training for the staff", "Tomás Technician");
    browser.screenshot("17-console-action-items");
    browser.click(browser.driver.findElement(By.xpath("//tr[@data-item='" + past + "-A1']//button[.='Done…']")));
    org.openqa.selenium.Alert whatWasDone = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(5))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
    whatWasDone.sendKeys("Two disks bought, kept in the office safe");
    whatWasDone.accept();
    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
        .until(d -> d.findElement(By.id("message")).getText().equals(past + "-A1 is done.")
            && d.findElements(By.cssSelector("tr[data-item='" + past + "-A1']")).isEmpty());
    new Select(browser.driver.findElement(By.id("state"))).selectByValue("closed");
    browser.click(browser.driver.findElement(By.cssSelector("#filters button[type=submit]")));
    assertThat(browser.waitForText(By.cssSelector("tr[data-item='" + past + "-A1']"), "done by manager"))
        .endsWith(": Two disks bought, kept in the office safe");

    browser.open("/console/lessons.html");
    browser.driver.findElement(By.id("q")).sendKeys("offline copy");
    browser.click(browser.driver.findElement(By.cssSelector("#filters button[type=submit]")));
    assertThat(browser.waitForText(By.cssSelector("article.lesson[data-case='" + past + "']"), "Learned: Keep an offline copy of the backups"))
        .contains("cause: ransomware", "hit: file server", "administration and accounting, small", "had: backup, endpoint protection, ups");
    browser.screenshot("18-console-lessons");
    assertThat(browser.consoleErrors()).as("console errors on the action items and lessons pages").isEmpty();

    // a technician sees only his own items, and may close them
    browser.close();
    browser = new Browser(port, 1400, 1000);
    browser.logIn("tasklist", "tech");
    browser.consoleErrors();
    browser.open("/console/action-items.html?state=all");
    browser.waitFor(By.cssSelector("tr[data-item='" + past + "-A2']"));
    assertThat(browser.driver.findElement(By.id("scope")).getText()).isEqualTo("Your action items, overdue first.");
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-item='" + past + "-A1']"))).isEmpty();
    assertThat(browser.driver.findElement(By.xpath("//tr[@data-item='" + past + "-A2']//button[.='Done…']")).isDisplayed()).isTrue();
    assertThat(browser.consoleErrors()).isEmpty();
  }

  /** A ransomware case of Gestoría López, reviewed with a lesson and two action items (the manager's, the technician's). */
  private String reviewedRansomwareCase(java.time.LocalDate today) {
    String instance = openCase("gestoria-lopez", "Shares encrypted by ransomware");
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    complete(instance, Map.of("impactLevel", "major", "usersAffected", 12L, "dataLossSuspected", true, "probableCause", "ransomware",
        "damagedScope", "Shares", "systemsHit", org.camunda.spin.Spin.JSON("[\"fileServer\", \"email\"]")));
    complete(instance, Map.of("rtoHours", 8L, "rpoHours", 4L, "approach", "recover", "agreedWith", "Luisa López"));
    complete(instance, Map.of("recoveryOutcome", "done"));
    complete(instance, Map.of("internalCheckPassed", true, "persistenceCheck", "Scheduled tasks, services, accounts: nothing left"));
    complete(instance, Map.of("clientAccepted", true));
    complete(instance, Map.of("rootCause", "A phishing mail", "lessonsLearned", "Keep an offline copy of the backups",
        "wentWell", "The night's backup was clean", "actionItems", org.camunda.spin.Spin.JSON("""
            [{"what": "Buy offline backup disks", "owner": "manager", "dueDate": "%s"},
             {"what": "Phishing training for the staff", "owner": "tech", "dueDate": "%s"}]""".formatted(today.plusDays(7),
            today.plusDays(14)))));
    complete(instance, Map.of("clientInterest", "accepted"));
    return caseNumber;
  }

  /** A case of Gestoría López walked to its end in Tasklist's way (task completions), accepted at the first round. */
  private String closedCase() {
    String instance = openCase("gestoria-lopez", "Ledger database corrupted");
    String caseNumber = (String) runtime.getVariable(instance, "caseNumber");
    complete(instance, Map.of("impactLevel", "major", "usersAffected", 10L, "dataLossSuspected", true, "probableCause", "hardware",
        "damagedScope", "Ledger"));
    complete(instance, Map.of("rtoHours", 8L, "rpoHours", 4L, "approach", "recover", "agreedWith", "Luisa López"));
    complete(instance, Map.of("recoveryOutcome", "done"));
    complete(instance, Map.of("internalCheckPassed", true, "dataLossHours", 1L, "testInstructions", "Open the ledger"));
    complete(instance, Map.of("clientAccepted", true));
    complete(instance, Map.of("rootCause", "Old disk", "lessonsLearned", "Watch the disks"));
    complete(instance, Map.of("clientInterest", "accepted"));
    return caseNumber;
  }

  private String openCase(String client, String summary) {
    return runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", client, "reportedBy", "Browser test",
        "summary", summary)).getId();
  }

  private void complete(String instance, Map<String, Object> variables) {
    org.camunda.bpm.engine.runtime.ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
    if (running != null) {
      com.rebound.RunbookSteps.finish(tasks, running.getBusinessKey());
    }
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), variables);
  }
}
