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
 * Rebound's pages beside Tasklist, in Chromium: the outbox, the clients page (creating one, bad fields shown, read-only for
 * technicians), the way to the login, reporting a disaster, who may use Cockpit and Admin.
 */
class TasklistPagesBrowserIT extends TasklistBrowserFixture {

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
    assertThat(row.getText()).contains("Nos ponemos en marcha", "luisa@gestorialopez.example", "SENT");
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
        .containsExactly("Cases", "Clients", "Action items", "Lessons", "Report a disaster", "Tasklist");
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
