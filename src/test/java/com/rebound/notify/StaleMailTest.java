package com.rebound.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.ReboundWithMail;
import com.rebound.acceptance.MailRoom;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mail that waited in the outbox (SMTP turned on after a trial) is not sent once it is out of date: "we are on it" for
 * a case closed since, a test link for a round answered since; the closing mail still goes. A manager can discard a
 * pending message; a technician cannot, and a sent one cannot be discarded.
 */
class StaleMailTest extends ReboundWithMail {

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void pendingMailOfAClosedCaseOrAnAnsweredStepIsNotSent_theClosingIs() throws Exception {
    CaseSteps steps = new CaseSteps(port, ENGINE, runtime, tasks);
    String caseNumber = steps.open("gestoria-lopez", "Trial case before SMTP was configured");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "hardware", "fileServer");
    steps.recoverAndAccept(instance);
    steps.review(instance, "Nothing", "All", "[]");
    steps.offerPrevention(instance);
    // as if no SMTP server had been configured until now: the case's messages waited, the closing one among them
    long closing = jdbc.queryForObject("SELECT id FROM rebound_outbox WHERE case_number = ? AND kind = 'caseClosed'", Long.class, caseNumber);
    long opened = jdbc.queryForObject("SELECT id FROM rebound_outbox WHERE case_number = ? AND kind = 'caseOpened'", Long.class, caseNumber);
    long link = jdbc.queryForObject("SELECT id FROM rebound_outbox WHERE case_number = ? AND kind = 'readyForTesting'", Long.class, caseNumber);
    // (walked in a second, the case's first mails may already have been found out of date and discarded)
    await("the case's mails handled").atMost(Duration.ofSeconds(20))
        .until(() -> !"PENDING".equals(status(closing)) && !"PENDING".equals(status(opened)) && !"PENDING".equals(status(link)));
    jdbc.update("UPDATE rebound_outbox SET status = 'PENDING', sent_at = NULL, attempts = 0, next_attempt_at = ? WHERE id IN (?, ?, ?)",
        Timestamp.from(Instant.now().plusSeconds(3600)), closing, opened, link);
    int before = MAIL.all().size();
    jdbc.update("UPDATE rebound_outbox SET next_attempt_at = ? WHERE id IN (?, ?, ?)", Timestamp.from(Instant.now()), closing, opened, link);

    await("the closing mail delivered").atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(closing)));
    await("the stale ones discarded").atMost(Duration.ofSeconds(20))
        .until(() -> "DISCARDED".equals(status(opened)) && "DISCARDED".equals(status(link)));
    assertThat(jdbc.queryForObject("SELECT last_error FROM rebound_outbox WHERE id = ?", String.class, opened))
        .contains("the case was closed");
    assertThat(MAIL.all().stream().skip(before).map(MailRoom::subject).filter(s -> s.startsWith("[" + caseNumber + "]")))
        .as("only the closing mail went out again").allMatch(s -> s.contains("final report") || s.contains("informe final"));
  }

  @Test
  void aManagerDiscardsAPendingMessage_aTechnicianCannot_aSentOneStays() throws Exception {
    CaseSteps steps = new CaseSteps(port, ENGINE, runtime, tasks);
    String caseNumber = steps.open("ladrillos-garcia", "Printer server down");
    long opened = jdbc.queryForObject("SELECT id FROM rebound_outbox WHERE case_number = ? AND kind = 'caseOpened'", Long.class, caseNumber);
    await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(opened)));
    HttpResponse<String> sent = ApiCalls.call(port, "manager", "POST", "/api/outbox/" + opened + "/discard", null);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(409);
    assertThat(sent.body()).contains("only PENDING or FAILED");

    jdbc.update("UPDATE rebound_outbox SET status = 'PENDING', sent_at = NULL, next_attempt_at = ? WHERE id = ?",
        Timestamp.from(Instant.now().plusSeconds(3600)), opened);
    HttpResponse<String> byTech = ApiCalls.call(port, "tech", "POST", "/api/outbox/" + opened + "/discard", null);
    assertThat(byTech.statusCode()).isEqualTo(403);
    assertThat(status(opened)).as("nothing changed").isEqualTo("PENDING");
    HttpResponse<String> byManager = ApiCalls.call(port, "manager", "POST", "/api/outbox/" + opened + "/discard", null);
    assertThat(byManager.statusCode()).as(byManager.body()).isEqualTo(200);
    assertThat(status(opened)).isEqualTo("DISCARDED");
    assertThat(jdbc.queryForObject("SELECT last_error FROM rebound_outbox WHERE id = ?", String.class, opened)).contains("discarded by manager");
    assertThat(ApiCalls.call(port, "manager", "GET", "/api/outbox?status=DISCARDED", null).body()).contains("\"id\":" + opened);
  }

  private String status(long id) {
    return jdbc.queryForObject("SELECT status FROM rebound_outbox WHERE id = ?", String.class, id);
  }
}
