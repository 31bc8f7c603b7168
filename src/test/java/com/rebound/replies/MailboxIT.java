package com.rebound.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.DovecotServer;
import com.rebound.ReboundProcess;
import com.rebound.acceptance.MailRoom;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logs in {@code target/it/mailbox-<time>/}. The packaged jar reads a real IMAP server (Debian's Dovecot, started by the
 * test) for the clients' replies: a contact's reply, a stranger's, an out-of-office, a 30 MB attachment and malformed MIME;
 * Rebound is killed with SIGKILL after it read the first message and before it recorded it (the mailbox's pause before
 * recording widens that window), started again, and then each message is recorded once, where it belongs, and the step's
 * holder is told once per contact's reply.
 */
class MailboxIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Session SESSION = ReplyMail.SESSION;

  @Test
  void aKillBetweenReadingAndRecordingLosesNothingAndDoublesNothing() throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "it", "mailbox-" + System.currentTimeMillis()));
    MailRoom smtp = new MailRoom();
    try (DovecotServer imap = new DovecotServer(folder.resolve("dovecot"))) {
      imap.start();
      ReboundProcess rebound = new ReboundProcess(folder, "--rebound.demo-users=true", "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + smtp.port, "--rebound.mail.poll-interval=PT0.5S", "--rebound.mailbox.host=127.0.0.1",
          "--rebound.mailbox.port=" + imap.port(), "--rebound.mailbox.ssl=false", "--rebound.mailbox.username=" + DovecotServer.USER,
          "--rebound.mailbox.password=" + DovecotServer.PASSWORD, "--rebound.mailbox.poll-interval=PT1S",
          "--rebound.mailbox.pause-before-record=PT2S", "--rebound.mailbox.lock-at-most-for=PT3S");
      rebound.start();
      HttpResponse<String> opened = ApiCalls.call(rebound.port(), "tech", "POST", "/api/incidents",
          "{\"clientId\": \"gestoria-lopez\", \"summary\": \"Sin correo desde esta mañana\", \"reportedBy\": \"Luisa López\"}");
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
      String caseNumber = JSON.readTree(opened.body()).get("caseNumber").asText();
      JsonNode tasks = JSON.readTree("[]");
      for (Instant until = Instant.now().plusSeconds(20); tasks.isEmpty() && Instant.now().isBefore(until); Thread.sleep(200)) {
        // the case's first step comes once its start has run (after the answer)
        tasks = JSON.readTree(ApiCalls.call(rebound.port(), "tech", "GET", "/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + caseNumber,
            null).body());
      }
      assertThat(tasks.isArray() && tasks.size() == 1).as("the first step: " + tasks).isTrue();
      assertThat(ApiCalls.call(rebound.port(), "tech", "POST", "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/claim",
          "{\"userId\": \"tech\"}").statusCode()).isEqualTo(204);

      imap.deliver(List.of(
          mail("luisa@gestorialopez.example", "Re: [" + caseNumber + "] Nos ponemos en marcha", "Ya está apagado.", null, 0),
          mail("someone@elsewhere.example", "Re: [" + caseNumber + "] ?", "¿Y mi caso?", null, 0),
          mail("luisa@gestorialopez.example", "Fuera de la oficina: [" + caseNumber + "]", "Vuelvo el lunes.", "auto-replied", 0),
          mail("pedro@gestorialopez.example", "Re: [" + caseNumber + "] copia", "La copia va adjunta.", null, 30 * 1024 * 1024),
          new MimeMessage(SESSION, new ByteArrayInputStream(("From: luisa@gestorialopez.example\r\nSubject: Re: [" + caseNumber
              + "] roto\r\nMessage-ID: <broken-it@gestorialopez.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; "
              + "boundary=\"x\"\r\n\r\n--y\r\n\r\nsin cierre\r\n").getBytes(StandardCharsets.ISO_8859_1)))));

      awaitInLog(rebound, 1, "read message UID 1 ");
      rebound.kill();
      rebound.start();
      List<JsonNode> onCase = messages(rebound, caseNumber, 4);
      assertThat(rebound.log(2)).as("the message read before the kill was not recorded: it is read again")
          .contains("read message UID 1 ");
      assertThat(onCase).extracting(m -> m.get("state").asText() + " " + m.get("fromAddress").asText()).containsExactly(
          "attached luisa@gestorialopez.example", "autoReply luisa@gestorialopez.example", "attached pedro@gestorialopez.example",
          "attached luisa@gestorialopez.example");
      assertThat(onCase.get(2).get("attachments").get(0).get("refused").asText()).contains("larger than the limit");
      assertThat(onCase.get(3).get("subject").asText()).as("the malformed one, recorded as far as readable").contains("roto");
      JsonNode inbox = JSON.readTree(ApiCalls.call(rebound.port(), "manager", "GET", "/api/client-messages/inbox", null).body())
          .get("messages");
      assertThat(inbox).extracting(m -> m.get("fromAddress").asText()).containsExactly("someone@elsewhere.example");

      String notice = "[" + caseNumber + "] The client replied (Gestoría López)";
      Instant until = Instant.now().plus(Duration.ofSeconds(30));
      while (smtp.count(m -> MailRoom.subject(m).equals(notice)) < 3 && Instant.now().isBefore(until)) {
        Thread.sleep(250);
      }
      Thread.sleep(2000);
      assertThat(smtp.count(m -> MailRoom.subject(m).equals(notice))).as("told once per contact's reply, the kill included")
          .isEqualTo(3);
      rebound.kill();
    } finally {
      smtp.smtp.stop();
    }
  }

  private static void awaitInLog(ReboundProcess rebound, int start, String text) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (!rebound.log(start).contains(text)) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("not in the log within 60 s: " + text);
      }
      Thread.sleep(50);
    }
  }

  /** The case's conversation, waited for until it has {@code expected} messages (30 s). */
  private static List<JsonNode> messages(ReboundProcess rebound, String caseNumber, int expected) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(45));
    List<JsonNode> found = new ArrayList<>();
    do {
      found.clear();
      if (rebound.isAlive()) {
        JSON.readTree(ApiCalls.call(rebound.port(), "tech", "GET", "/api/cases/" + caseNumber + "/messages", null).body())
            .get("messages").forEach(found::add);
      }
      if (found.size() >= expected) {
        return found;
      }
      Thread.sleep(500);
    } while (Instant.now().isBefore(until) && expected > 0);
    return found;
  }

  private static Message mail(String from, String subject, String text, String autoSubmitted, int attachmentBytes) throws Exception {
    return ReplyMail.with(ReplyMail.of(from, null, DovecotServer.USER, subject, text), autoSubmitted == null ? null : "Auto-Submitted",
        autoSubmitted, "ledger.bak", attachmentBytes == 0 ? null : new byte[attachmentBytes]);
  }

}
