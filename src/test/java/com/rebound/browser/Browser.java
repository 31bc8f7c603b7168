package com.rebound.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through {@code /usr/bin/chromedriver} (nothing is downloaded),
 * with the few gestures a person makes in Tasklist and Camunda Forms. Fills fields at a person's
 * pace: form-js validates after a short debounce.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  final WebDriver driver;
  final String baseUrl;
  private final WebDriverWait wait;

  /** The webapps' login fields, in English or in Rebound's Spanish. */
  private static final String USER_NAME = "input[placeholder=Username], input[placeholder='Nombre de usuario']";
  private static final String PASSWORD = "input[placeholder=Password], input[placeholder='Contraseña']";

  Browser(int port, int width, int height) {
    this(port, width, height, "en-US");
  }

  /** A browser whose user asks for pages in that language first (Accept-Language, navigator.languages). */
  Browser(int port, int width, int height, String language) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver ("
          + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver, or run .ci/run");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=" + width + "," + height, "--lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    this.baseUrl = "http://localhost:" + port;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  /** Logs in on a webapp's login form. */
  void logIn(String app, String user) {
    open("/camunda/app/" + app + "/default/");
    logInHere(user);
  }

  /** Logs in on the login form the browser shows now (a page that sent a visitor to log in). */
  void logInHere(String user) {
    // typed again while the page is still settling (a busy machine once put both words in the user name)
    for (int attempt = 1; attempt <= 3; attempt++) {
      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(USER_NAME)));
      name.clear();
      name.sendKeys(user);
      WebElement password = driver.findElement(By.cssSelector(PASSWORD));
      password.clear();
      password.sendKeys(user);
      if (user.equals(name.getDomProperty("value")) && user.equals(password.getDomProperty("value"))) {
        break;
      }
    }
    WebElement form = driver.findElement(By.cssSelector(USER_NAME));
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    // logged in: the login form goes (a refused login keeps it, which the caller then sees)
    try {
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
        try {
          form.isEnabled();
          return false;
        } catch (org.openqa.selenium.WebDriverException gone) {
          // stale, or (the page already navigating on) a node Chrome no longer knows
          return true;
        }
      });
    } catch (org.openqa.selenium.TimeoutException refused) {
      return;
    }
    pause(300);
  }

  /** What the login page's header reads, as seen: the visible logo's presence and the app's name with what CSS puts before it. */
  String loginHeader() {
    open("/camunda/app/tasklist/default/");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".login-header .app-name")));
    Object before = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
        "return getComputedStyle(arguments[0], '::before').content;", name);
    boolean logo = driver.findElements(By.cssSelector(".login-header .login-logo")).stream().anyMatch(WebElement::isDisplayed);
    return (logo ? "[logo] " : "") + String.valueOf(before).replace("\"", "") + name.getText().trim();
  }

  boolean loginFormShown() {
    return !driver.findElements(By.cssSelector("input[placeholder=Username]")).isEmpty();
  }

  WebElement waitFor(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Waits until an element {@code by} finds shows every part, and returns its text. A page that draws its list
   * again (a search, a refresh) replaces the element found first; that one is looked up again, not read stale.
   */
  String waitForText(By by, String... parts) {
    return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      for (WebElement element : d.findElements(by)) {
        String text = element.getText();
        if (java.util.Arrays.stream(parts).allMatch(text::contains)) {
          return text;
        }
      }
      return null;
    });
  }

  void clickText(String text) {
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())=" + literal(text) + "]"))).click();
    pause(800);
  }

  /** Claims the open task, unless it is already the user's (a case stays with the technician who took its first step). */
  void claim() {
    pause(500);
    boolean offered = driver.findElements(By.xpath("//*[normalize-space(text())='Claim']")).stream().anyMatch(WebElement::isDisplayed);
    if (offered) {
      clickText("Claim");
    }
  }

  /** The Tasklist card of a case's task, from the list of the open filter. */
  WebElement taskCard(String caseNumber, String taskName) {
    return wait.withMessage("a card of case " + caseNumber + " for '" + taskName + "' in the open Tasklist filter")
        .until(d -> d.findElements(By.cssSelector(".tasks-list .task")).stream()
        .filter(card -> card.getText().contains(caseNumber) && card.getText().contains(taskName))
        .findFirst().orElse(null));
  }

  void openTask(String caseNumber, String taskName) {
    // the queue refreshes itself (and re-sorts): a card found a moment ago may have been drawn again
    for (int attempt = 1; ; attempt++) {
      try {
        click(taskCard(caseNumber, taskName).findElement(By.cssSelector("h4 a, .names a, a")));   // in view, above the footer
        break;
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        if (attempt == 3) {
          throw redrawn;
        }
      }
    }
    waitFor(By.cssSelector(".fjs-form"));
    pause(500);
  }

  WebElement fieldByLabel(String label) {
    WebElement labelElement = waitFor(By.xpath("//label[contains(@class,'fjs-form-field-label') and starts-with(normalize-space(.), "
        + literal(label) + ")]"));
    return driver.findElement(By.id(labelElement.getDomAttribute("for")));
  }

  /** Brings an element to the middle of the view (Tasklist's footer covers the bottom) and clicks it. */
  void click(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    pause(200);
    try {
      element.click();
    } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
      // a notification over it: closed, as a person would, and clicked again
      closeNotifications();
      pause(300);
      element.click();
    }
  }

  /**
   * True once the element left the page. Chromium says so either as a stale element or, when the page is being replaced
   * at that very moment, as "Node with given id does not belong to the document".
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException stale) {
      return true;
    } catch (org.openqa.selenium.WebDriverException replaced) {
      if (String.valueOf(replaced.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw replaced;
    }
  }

  /**
   * Clicks a button that submits a form and waits for the page the server answers with: the old
   * page's elements (its h1, its notices) must not be read while the new one is on its way.
   */
  void submit(WebElement button) {
    WebElement before = driver.findElement(By.tagName("html"));
    click(button);
    wait.withMessage("the page after submitting the form").until(d -> gone(before));
    wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  void type(String label, String text) {
    WebElement field = fieldByLabel(label);
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.clear();
    field.sendKeys(text);
    pause(700);
  }

  /** Adds a row to a form's dynamic list (form-js's "add" button under the list of that label). */
  void addListItem(String listLabel) {
    WebElement list = waitFor(By.xpath("//*[contains(@class,'fjs-form-field-dynamiclist')][.//*[starts-with(normalize-space(.), "
        + literal(listLabel) + ")]]"));
    click(list.findElement(By.cssSelector(".fjs-repeat-render-add")));
    pause(700);
  }

  /** Types into the field of that label in one row (0 the first) of a dynamic list. */
  void typeInRow(int row, String label, String text) {
    WebElement field = rowField(row, label);
    field.clear();
    field.sendKeys(text);
    pause(500);
  }

  /** Types a day into the date field of that label in one row, as the date picker takes it (mm/dd/yyyy), and leaves it. */
  void typeDate(int row, String label, java.time.LocalDate day) {
    WebElement field = rowField(row, label);
    field.clear();
    field.sendKeys(day.format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy")));
    field.sendKeys(org.openqa.selenium.Keys.TAB);
    pause(500);
  }

  private WebElement rowField(int row, String label) {
    List<WebElement> labels = wait.until(d -> {
      List<WebElement> found = d.findElements(By.xpath("//label[contains(@class,'fjs-form-field-label') and (normalize-space(.)="
          + literal(label) + " or normalize-space(.)=" + literal(label + "*") + ")]"));
      return found.size() > row ? found : null;
    });
    WebElement field = driver.findElement(By.id(labels.get(row).getDomAttribute("for")));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    return field;
  }

  void choose(String label, String option) {
    WebElement field = waitFor(By.xpath("//div[contains(@class,'fjs-form-field-select')][.//label[starts-with(normalize-space(.), "
        + literal(label) + ")]]"));
    click(field.findElement(By.cssSelector(".fjs-input-group")));
    pause(300);
    click(field.findElement(By.xpath(".//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)=" + literal(option) + "]")));
    pause(700);
  }

  void pick(String radioLabel) {
    click(waitFor(By.xpath("//label[normalize-space(.)=" + literal(radioLabel) + "]")));
    pause(700);
  }

  int fieldErrors() {
    return driver.findElements(By.cssSelector(".fjs-form-field-error")).size();
  }

  /** Tasklist's Complete button (a notification may cover it; a person would close it). */
  void complete() {
    WebElement button = waitFor(By.cssSelector("button[ng-click='complete()']"));
    // Tasklist enables Complete once it has checked the form's last change (later on a busy machine); a form that stays
    // invalid keeps it disabled, and the click below then does nothing, which the caller's check sees
    try {
      new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> button.isEnabled());
    } catch (org.openqa.selenium.TimeoutException stillDisabled) {
      // clicked as it is
    }
    ((JavascriptExecutor) driver).executeScript("arguments[0].click();", button);
    // done: Tasklist takes the form away; refused: the form shows its errors, or Tasklist its notification (a completion
    // that runs long on a busy machine keeps the button, disabled, until it is done)
    try {
      new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !button.isDisplayed()
          || !d.findElements(By.cssSelector(".fjs-form-field-error, .notifications .alert-danger, .alert-danger")).isEmpty());
    } catch (org.openqa.selenium.StaleElementReferenceException gone) {
      // the button's view was drawn again: done
    } catch (org.openqa.selenium.TimeoutException nothingYet) {
      // the caller checks what it expects
    }
    pause(500);
    closeNotifications();
  }

  /** Closes Tasklist's notifications ("completed", "claimed"), which cover the form's lower fields until they fade. */
  void closeNotifications() {
    ((JavascriptExecutor) driver).executeScript(
        "document.querySelectorAll('.notifications .close, .notifications [ng-click^=\"removeNotification\"]')"
            + ".forEach((b) => b.click());");
  }

  /** A CSS property of the first element found, as the browser computed it. */
  String computedStyle(By by, String property) {
    return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
        "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);", waitFor(by), property));
  }

  List<String> consoleErrors() {
    return driver.manage().logs().get("browser").getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(entry -> entry.getMessage()).toList();
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void saveFailure(String name) {
    try {
      Path folder = Files.createDirectories(Path.of("target", "browser-failures"));
      File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), folder.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(folder.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException | RuntimeException e) {
      System.err.println("could not save the failure of " + name + ": " + e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String literal(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }

  @Override
  public void close() {
    driver.quit();
  }
}
