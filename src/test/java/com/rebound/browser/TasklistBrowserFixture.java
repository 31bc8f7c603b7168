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
 * What people click, in a real browser: Debian's headless Chromium against Rebound on a random port with a fresh
 * database and its own SMTP server. Screenshots of the main steps land in target/browser-screenshots/. The Tasklist
 * browser tests run as two classes, each in its own JVM at the same time (the case's steps, the pages).
 */
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:rebound-browser;DB_CLOSE_DELAY=-1", "rebound.demo-users=true",
        "rebound.backup.cron=-", "rebound.public-url=https://rebound.example.test", "rebound.mail.poll-interval=PT0.2S"})
abstract class TasklistBrowserFixture {

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

  Browser browser;

  @RegisterExtension
  final FailureArtifacts failures = new FailureArtifacts(() -> browser);

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  JsonNode reportByApi(String client, String summary) {
    EngineRestClient.Response started = new EngineRestClient(port, "tech").post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "%s"}, "reportedBy": {"value": "Monitoring"}, "summary": {"value": "%s"}}}"""
        .formatted(client, summary));
    assertThat(started.status()).isEqualTo(200);
    return started.body();
  }

  Task openTask(String instance) {
    // the case's runbook, if one runs, walked by its shortest way (the runbooks have tests of their own)
    org.camunda.bpm.engine.runtime.ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
    if (running != null) {
      com.rebound.RunbookSteps.finish(tasks, running.getBusinessKey());
    }
    return tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }

}
