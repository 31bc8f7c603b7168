package com.rebound.livepage;

import com.rebound.acceptance.MailRoom;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.ReboundWithMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client's live page over HTTP, without an account: its link comes in every mail to the client; at each stage of a
 * walked case it shows the stage, what we do in the client's words, the objectives, what we need from them (with the way to
 * the test page), the messages sent; never an internal note, a technician's name (the provider's default), another case;
 * a wrong, revoked or expired link is a clear page.
 */
class CaseStatusPageTest extends ReboundWithMail {

  private static final Pattern LINK = Pattern.compile("https://rebound\\.example\\.test(/status/[A-Za-z0-9_-]+)");

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  JdbcTemplate jdbc;

  CaseSteps steps;

  @BeforeEach
  void setUp() {
    steps = new CaseSteps(port, ENGINE, runtime, tasks);
  }

  @Test
  void theClientFollowsItsCaseLiveAtEachStage_andSeesNothingInternal() throws Exception {
    String caseNumber = steps.open("gestoria-lopez", "El servidor de ficheros no arranca tras el apagón");
    String other = steps.open("northwind-logistics", "Warehouse scanners offline since the update");
    String instance = steps.instanceOf(caseNumber);
    String page = linkIn(caseNumber, "Nos ponemos en marcha");

    HttpResponse<String> assessing = get(page);
    assertThat(assessing.statusCode()).isEqualTo(200);
    assertThat(assessing.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(assessing.body()).contains("El servidor de ficheros no arranca tras el apagón", "<li class=\"now\">Evaluación</li>",
        "Evaluando qué ha pasado", "Nuestro técnico está en ello", "Aún no hemos acordado", "Nos ponemos en marcha: su incidencia está registrada",
        "http-equiv=\"refresh\" content=\"60\"")
        .doesNotContain("Warehouse scanners", other, "Tomás", "tech");

    steps.assess(instance, "hardware", "fileServer");
    steps.complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": 8}, "rpoHours": {"value": 4}, "approach": {"value": "recover"}, "agreedWith": {"value": "Luisa López"}}""");
    String recovering = get(page).body();
    assertThat(recovering).contains("<li class=\"done\">Evaluación</li>", "<li class=\"now\">Recuperación</li>",
        "Tiempo de recuperación: 8 h", "Contado en su horario laboral", "los cambios de las últimas 4 h", "Tiempo restante")
        .doesNotContain("Server FS01");

    steps.complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}, \"recoveryNotes\": {\"value\": \"INTERNAL-NOTE-7731 "
        + "admin password reset on FS01\"}}");
    steps.complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"verificationNotes\": {\"value\": "
        + "\"INTERNAL-CHECK-5521\"}, \"testInstructions\": {\"value\": \"Abra la contabilidad\"}}");
    HttpResponse<String> testing = get(page);
    assertThat(testing.body()).contains("<li class=\"now\">Sus pruebas</li>", "Necesitamos las pruebas de sus usuarios", "Registrar sus pruebas",
        "Volverá a saber de nosotros antes del")
        .doesNotContain("INTERNAL-NOTE-7731", "INTERNAL-CHECK-5521", "admin password");
    HttpResponse<String> toTests = post(page + "/answer");
    assertThat(toTests.statusCode()).isEqualTo(303);
    String acceptance = toTests.headers().firstValue("Location").orElseThrow();
    assertThat(acceptance).startsWith("/acceptance/");
    assertThat(get(acceptance).body()).contains("Abra la contabilidad");

    // a manager withdraws the links: the page says so; the next mail carries a new one
    assertThat(ApiCalls.call(port, "tech", "POST", "/api/cases/" + caseNumber + "/status-links/revoke", null).statusCode()).isEqualTo(403);
    assertThat(ApiCalls.call(port, "manager", "POST", "/api/cases/" + caseNumber + "/status-links/revoke", null).statusCode()).isEqualTo(200);
    HttpResponse<String> revoked = get(page);
    assertThat(revoked.statusCode()).isEqualTo(410);
    assertThat(revoked.body()).contains("Este enlace ya no funciona").doesNotContain("El servidor de ficheros");
    assertThat(post(page + "/answer").statusCode()).isEqualTo(404);

    steps.complete(instance, "clientAcceptance", "{\"clientAccepted\": {\"value\": true}}");
    steps.review(instance, "Vigilar los discos", "Copia reciente", "[]");
    steps.offerPrevention(instance);
    String closedPage = linkIn(caseNumber, "Caso cerrado");
    String closed = get(closedPage).body();
    assertThat(closed).contains("El caso se cerró el", "Caso cerrado: informe final", "Recuperado dentro del tiempo acordado",
        "aceptada").doesNotContain("Necesitamos", "Tiempo restante");

    // a month after the close (the provider's setting: 30 days) the page is closed
    jdbc.update("UPDATE rebound_case SET closed_at = closed_at - INTERVAL '31' DAY WHERE case_number = ?", caseNumber);
    HttpResponse<String> expired = get(closedPage);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("Este caso está cerrado").doesNotContain("El servidor de ficheros");

    HttpResponse<String> wrong = get("/status/not-a-real-token-of-any-case-at-all");
    assertThat(wrong.statusCode()).isEqualTo(404);
    assertThat(wrong.body()).contains("Este enlace no es válido").doesNotContain("Exception", "at com.");
    assertThat(get("/status/%2e%2e%2fapi").statusCode()).isIn(400, 404);
  }

  /** The live page's path in the newest mail to the client of the case whose subject has those words. */
  private String linkIn(String caseNumber, String subjectWords) throws Exception {
    MimeMessage mail = MAIL.await("a mail with " + subjectWords, m -> MailRoom.subject(m).startsWith("[" + caseNumber + "] " + subjectWords));
    Matcher link = LINK.matcher(MailRoom.html(mail));
    assertThat(link.find()).as("the live page's link in the mail").isTrue();
    return link.group(1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
