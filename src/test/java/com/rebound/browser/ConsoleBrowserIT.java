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
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), variables);
  }
}
