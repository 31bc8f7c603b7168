package com.rebound.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.ReboundWithMail;
import com.rebound.acceptance.MailRoom;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clients' e-mail replies come into their cases, read from the provider's support mailbox over IMAP (GreenMail's):
 * a contact's reply to a case mail is on the case (the quoted history cut, its attachment kept for staff) and the step's
 * holder is told once; an unknown sender waits in the managers' inbox; an out-of-office is recorded, nobody told; a 30 MB
 * attachment is refused by the size limit and the mail still recorded; malformed MIME is recorded as far as readable and the
 * round goes on; the mailbox read again from its start records nothing twice; a staff's answer goes out threaded.
 */
class ClientRepliesTest extends ReboundWithMail {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Session SESSION = ReplyMail.SESSION;

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  MailboxPoller poller;

  CaseSteps steps;

  @BeforeEach
  void setUp() {
    steps = new CaseSteps(port, ENGINE, runtime, tasks);
  }

  @Test
  void aContactsReplyComesIntoItsCase_theHolderIsToldOnce_andEverythingElseIsSortedAsItShouldBe() throws Exception {
    String caseNumber = steps.open("gestoria-lopez", "La impresora de red y el servidor no responden");
    String instance = steps.instanceOf(caseNumber);
    tasks.claim(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(), "tech");
    MimeMessage opened = MAIL.await("the case's first mail", m -> MailRoom.subject(m).startsWith("[" + caseNumber + "] Nos ponemos"));
    String ours = opened.getMessageID();
    assertThat(ours).matches("<outbox-\\d+\\.\\d+@rebound>");

    // the contact answers the case's mail, with a small attachment and the history quoted below
    byte[] photo = "PNG-bytes-of-the-error-screen".getBytes(StandardCharsets.UTF_8);
    MimeMessage reply = mail("luisa@gestorialopez.example", "Luisa López", "Re: [" + caseNumber + "] Nos ponemos en marcha", ours,
        "Ya hemos apagado el servidor como nos dijeron.\nAdjunto la foto del error.\n\nEl lun, 7 dic 2026, Soporte escribió:\n> Nos ponemos "
            + "en marcha\n> texto citado", "error.png", photo);
    MAIL.deliverToSupport(reply);
    assertThat(poller.poll()).isEqualTo(1);
    assertThat(runtime.getVariable(instance, "clientMessagesNote")).as("the forms' header").isEqualTo("1 new message from the client");
    JsonNode messages = messages("tech", caseNumber);
    assertThat(runtime.getVariable(instance, "clientMessagesNote")).as("read on the case page").isEqualTo("");
    assertThat(messages).hasSize(1);
    JsonNode received = messages.get(0);
    assertThat(received.get("state").asText()).isEqualTo("attached");
    assertThat(received.get("text").asText()).isEqualTo("Ya hemos apagado el servidor como nos dijeron.\nAdjunto la foto del error.");
    assertThat(received.get("fromName").asText()).isEqualTo("Luisa López");
    JsonNode attachment = received.get("attachments").get(0);
    assertThat(attachment.get("fileName").asText()).isEqualTo("error.png");
    HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/client-messages/" + received.get("id").asLong() + "/attachments/"
            + attachment.get("id").asLong())).header("Authorization", "Basic " + java.util.Base64.getEncoder()
        .encodeToString("tech:tech".getBytes())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(photo);
    HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/client-messages/" + received.get("id").asLong() + "/attachments/"
            + attachment.get("id").asLong())).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("attachments are for staff only").isEqualTo(401);
    assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/octet-stream"));
    String notice = "[" + caseNumber + "] The client replied (Gestoría López)";
    MimeMessage told = MAIL.await("the step's holder told", m -> MailRoom.subject(m).equals(notice));
    assertThat(MailRoom.to(told)).containsExactly("tech@rebound.invalid");
    assertThat(MailRoom.html(told)).contains("Ya hemos apagado el servidor");

    // an unknown sender naming the case, an out-of-office, a 30 MB attachment and malformed MIME, in one round
    MAIL.deliverToSupport(mail("someone@elsewhere.example", null, "Re: [" + caseNumber + "] su caso", null, "¿Qué pasa con mi caso?",
        null, null));
    MimeMessage away = mail("luisa@gestorialopez.example", "Luisa López", "Fuera de la oficina: Re: [" + caseNumber + "]", ours,
        "Estoy fuera hasta el lunes.", null, null);
    away.setHeader("Auto-Submitted", "auto-replied");
    MAIL.deliverToSupport(away);
    byte[] big = new byte[30 * 1024 * 1024];
    MAIL.deliverToSupport(mail("pedro@gestorialopez.example", "Pedro Ruiz", "Re: [" + caseNumber + "] la copia", ours,
        "Les mando la copia de la base de datos.", "ledger.bak", big));
    MAIL.deliverToSupport(new MimeMessage(SESSION, new ByteArrayInputStream(("From: Luisa López <luisa@gestorialopez.example>\r\n"
        + "To: " + MailRoom.SUPPORT + "\r\nSubject: Re: [" + caseNumber + "] roto\r\nMessage-ID: <broken-1@gestorialopez.example>\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"nope\"\r\n\r\n--other\r\nContent-Type: text/plain\r\n\r\n"
        + "sin cierre\r\n").getBytes(StandardCharsets.ISO_8859_1))));
    assertThat(poller.poll()).as("four new messages, none crashing the round").isEqualTo(4);

    JsonNode all = messages("tech", caseNumber);
    assertThat(all).extracting(m -> m.get("state").asText() + " " + m.get("fromAddress").asText())
        .containsExactly("attached luisa@gestorialopez.example", "autoReply luisa@gestorialopez.example",
            "attached pedro@gestorialopez.example", "attached luisa@gestorialopez.example");
    JsonNode bigOne = all.get(2);
    assertThat(bigOne.get("text").asText()).isEqualTo("Les mando la copia de la base de datos.");
    assertThat(bigOne.get("attachments").get(0).get("size").asLong()).isGreaterThanOrEqualTo(30L * 1024 * 1024);
    assertThat(bigOne.get("attachments").get(0).get("refused").asText()).contains("larger than the limit");
    assertThat(all.get(3).get("reason").asText()).contains("read as far as readable");

    HttpResponse<String> byTech = ApiCalls.call(port, "tech", "GET", "/api/client-messages/inbox", null);
    assertThat(byTech.statusCode()).isEqualTo(403);
    JsonNode inbox = JSON.readTree(ApiCalls.call(port, "manager", "GET", "/api/client-messages/inbox", null).body()).get("messages");
    JsonNode stranger = null;
    for (JsonNode m : inbox) {
      if ("someone@elsewhere.example".equals(m.get("fromAddress").asText())) {
        stranger = m;
      }
    }
    assertThat(stranger).as("the unknown sender waits in the managers' inbox").isNotNull();
    assertThat(stranger.get("reason").asText()).contains("no contact of Gestoría López");

    // read again from the folder's start (as after a crash between reading and recording): nothing twice, nobody told twice
    jdbc.update("UPDATE rebound_mailbox_state SET last_uid = 0");
    assertThat(poller.poll()).isZero();
    assertThat(messages("tech", caseNumber)).hasSize(4);
    Thread.sleep(1500);
    assertThat(MAIL.all().stream().filter(m -> MailRoom.subject(m).equals(notice)).count())
        .as("told once per reply from a contact (the out-of-office told nobody)").isEqualTo(3);

    // the manager puts the stranger's message on the case (once), and a staff's answer goes out threaded to the last reply
    HttpResponse<String> attached = ApiCalls.call(port, "manager", "POST", "/api/client-messages/" + stranger.get("id").asLong()
        + "/attach", "{\"caseNumber\": \"" + caseNumber + "\"}");
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
    assertThat(ApiCalls.call(port, "manager", "POST", "/api/client-messages/" + stranger.get("id").asLong() + "/drop", null).statusCode())
        .isEqualTo(409);
    HttpResponse<String> empty = ApiCalls.call(port, "tech", "POST", "/api/cases/" + caseNumber + "/messages", "{\"text\": \" \"}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"field\":\"text\"");
    HttpResponse<String> answered = ApiCalls.call(port, "tech", "POST", "/api/cases/" + caseNumber + "/messages",
        "{\"text\": \"Gracias, Luisa. Mañana a las 9 restauramos la base de datos.\"}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    MimeMessage answer = MAIL.await("the staff's answer", m -> MailRoom.subject(m).equals("[" + caseNumber + "] Sobre su incidencia"));
    assertThat(MailRoom.to(answer)).contains("luisa@gestorialopez.example", "pedro@gestorialopez.example");
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo("<broken-1@gestorialopez.example>");
    assertThat(MailRoom.html(answer)).contains("Mañana a las 9 restauramos");
    assertThat(messages("tech", caseNumber)).extracting(m -> m.get("direction").asText()).endsWith("out");

    // the client's final report counts the conversation (in full only when the provider chooses)
    HttpResponse<String> report = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/incidents/" + caseNumber + "/report")).header("Accept", "text/html")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("manager:manager".getBytes())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(report.body()).contains("Nuestra conversación por correo", "Nos escribió 4 veces sobre esta incidencia y le respondimos una vez")
        .doesNotContain("Ya hemos apagado el servidor");
  }

  private JsonNode messages(String user, String caseNumber) throws Exception {
    HttpResponse<String> answer = ApiCalls.call(port, user, "GET", "/api/cases/" + caseNumber + "/messages", null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).get("messages");
  }

  private static MimeMessage mail(String from, String name, String subject, String inReplyTo, String text, String fileName, byte[] file)
      throws Exception {
    return ReplyMail.with(ReplyMail.with(ReplyMail.of(from, name, MailRoom.SUPPORT, subject, text), inReplyTo == null ? null : "In-Reply-To",
        inReplyTo, null, null), null, null, fileName, file);
  }

}
