package com.rebound.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ApiCalls;
import com.rebound.EngineRestClient;
import com.rebound.ReboundApplication;
import com.rebound.acceptance.MailRoom;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code rebound.staff-language=es} the provider's own staff get their mails in Spanish (a real SMTP server, GreenMail):
 * a manager assigns a step to a technician, who is told in Spanish; the client's mails keep the client's language.
 */
@Tag("application")
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:rebound-staff-es;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "rebound.demo-users=true",
        "rebound.staff-language=es", "rebound.mail.poll-interval=PT0.2S", "camunda.bpm.process-engine-name=staffes"})
class StaffLanguageTest {

  static final MailRoom MAIL = new MailRoom();

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    MAIL.register(registry);
  }

  @AfterAll
  static void stop() {
    MAIL.smtp.stop();
  }

  @LocalServerPort
  int port;
  @Autowired
  TaskService tasks;

  @Test
  void staffMailsInSpanish_clientsMailsInTheirOwnLanguage() throws Exception {
    HttpResponse<String> opened = ApiCalls.call(port, "tech", "POST", "/api/incidents",
        "{\"clientId\": \"northwind-logistics\", \"summary\": \"Scanners offline\", \"reportedBy\": \"Emma Clarke\"}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    String caseNumber = new com.fasterxml.jackson.databind.ObjectMapper().readTree(opened.body()).get("caseNumber").asText();
    String taskId = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).singleResult().getId();
    EngineRestClient.Response assigned = EngineRestClient.ofEngine(port, "manager", "staffes")
        .post("/task/" + taskId + "/assignee", "{\"userId\": \"tech\"}");
    assertThat(assigned.status()).as(String.valueOf(assigned.body())).isEqualTo(204);
    MimeMessage told = MAIL.await("the technician told, in Spanish",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] Se le ha asignado una tarea"));
    assertThat(MailRoom.to(told)).containsExactly("tech@rebound.invalid");
    assertThat(MailRoom.html(told)).contains("Se le ha asignado una tarea", "Abrirla en Tasklist");
    MAIL.await("the English-speaking client's mail, in English",
        m -> MailRoom.subject(m).equals("[" + caseNumber + "] We are on it: your incident is registered"));
  }
}
