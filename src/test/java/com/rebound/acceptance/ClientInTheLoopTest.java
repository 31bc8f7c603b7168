package com.rebound.acceptance;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.EngineRestClient;
import com.rebound.ReboundWithMail;
import com.rebound.procedure.ProcedureVariables;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The client is kept in the loop, over a real SMTP server (GreenMail): every message of a full case
 * with one failed acceptance round arrives, in Spanish for a Spanish-speaking client; the acceptance
 * link from the mail is followed over HTTP, two users record results (one problem), the case goes back
 * to recovery, and the next round's link is accepted; the closing mail carries the PDF report.
 */
class ClientInTheLoopTest extends ReboundWithMail {

  static final Pattern ACCEPTANCE_LINK = Pattern.compile("https://rebound\\.example\\.test(/acceptance/[A-Za-z0-9_-]{40,})");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  org.camunda.bpm.engine.TaskService tasks;
  @Autowired
  org.springframework.transaction.PlatformTransactionManager transactionManager;
  @Autowired
  org.camunda.bpm.engine.ManagementService managementService;

  @Test
  void aFullCaseWithOneFailedRound_inSpanish_withTheReportAttached() throws Exception {
    String caseNumber = openCase("gestoria-lopez", "El servidor de ficheros no arranca");
    String instance = instanceOf(caseNumber);
    MimeMessage opened = MAIL.await("case opened", m -> subjectOf(m).startsWith("[" + caseNumber + "] Nos ponemos en marcha"));
    assertThat(MailRoom.to(opened)).containsExactlyInAnyOrder("luisa@gestorialopez.example", "pedro@gestorialopez.example");
    assertThat(MailRoom.html(opened)).contains("Hemos registrado su incidencia", "El servidor de ficheros no arranca");
    assertThat(MailRoom.plainAlternative(opened)).as("plain text beside the HTML, signed by the provider")
        .contains("Hemos registrado su incidencia", "El servidor de ficheros no arranca", "Sistemas Ejemplo S.L.", "+34 910 000 000")
        .doesNotContain("<p", "Su proveedor de servicios informáticos");

    assess(instance, "partial", 6, false, "hardware", "Servidor FS01: disco del sistema; carpeta Clientes");
    agree(instance, 8, 4, "recover", "Luisa López");
    MimeMessage agreed = MAIL.await("objectives agreed", m -> subjectOf(m).equals("[" + caseNumber + "] Objetivos de recuperación acordados"));
    assertThat(MailRoom.html(agreed)).contains("Recuperar los datos", "8 h", "4 h", "Luisa López");

    // round 1: two of the client's users test; one finds a problem
    complete(instance, "recover", """
        {"recoveryOutcome": {"value": "done"}, "recoveryNotes": {"value": "Disco del sistema clonado; contabilidad restaurada de anoche"}}""");
    complete(instance, "verifyInternally", """
        {"internalCheckPassed": {"value": true}, "testInstructions": {"value": "Abran la contabilidad y la carpeta Clientes"},
         "dataLossHours": {"value": 2}}""");
    String link1 = acceptanceLink(caseNumber, 1);
    HttpResponse<String> page = get(link1);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Pruebe la recuperación", caseNumber, "Ronda de pruebas 1", "Abran la contabilidad y la carpeta Clientes",
        "Sistemas Ejemplo S.L.", "soporte@sistemas-ejemplo.example");
    assertThat(page.body()).as("what we did, under what was recovered; what was damaged, under its own name")
        .containsSubsequence("Qué se dañó", "Qué se ha recuperado", "Disco del sistema clonado; contabilidad restaurada de anoche");
    assertThat(MailRoom.html(MAIL.await("ready for testing", m -> subjectOf(m).startsWith("[" + caseNumber + "] La recuperación está lista"))))
        .containsSubsequence("Qué se dañó", "Qué se ha recuperado", "Disco del sistema clonado; contabilidad restaurada de anoche");
    assertThat(post(link1 + "/results", Map.of("testerName", "Pedro Ruiz", "tested", "Contabilidad", "outcome", "ok")).statusCode())
        .isEqualTo(303);
    assertThat(post(link1 + "/results", Map.of("testerName", "Ana Gil", "tested", "Carpeta Clientes", "outcome", "problem",
        "description", "Faltan los ficheros de octubre")).statusCode()).isEqualTo(303);
    assertThat(runtime.getVariable(instance, ProcedureVariables.CLIENT_TEST_RESULTS).toString())
        .as("the technician sees the results in Tasklist").contains("Pedro Ruiz", "Faltan los ficheros de octubre");
    HttpResponse<String> submitted = post(link1 + "/submit", Map.of("submittedBy", "Luisa López"));
    assertThat(submitted.statusCode()).isEqualTo(303);
    assertThat(getPath(submitted.headers().firstValue("Location").orElseThrow()).body())
        .contains("Esta ronda está cerrada", "Luisa López", "se encontraron problemas");

    assertThat(openTaskKeys(instance)).containsExactly("recover");
    assertThat(runtime.getVariable(instance, ProcedureVariables.CLIENT_ACCEPTED)).isEqualTo(false);
    assertThat(runtime.getVariable(instance, ProcedureVariables.ACCEPTANCE_ISSUES).toString())
        .contains("Ana Gil", "Carpeta Clientes", "Faltan los ficheros de octubre");
    assertThat(runtime.getVariable(instance, ProcedureVariables.ANSWERED_VIA)).isEqualTo("link");

    // the used link changes nothing any more
    HttpResponse<String> reused = post(link1 + "/results", Map.of("testerName", "Tarde", "tested", "Nada", "outcome", "ok"));
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.body()).contains("Esta ronda está cerrada");
    assertThat(resultCount(instance)).isEqualTo(2);

    // round 2: accepted through the new link
    complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"dataLossHours\": {\"value\": 2}}");
    String link2 = acceptanceLink(caseNumber, 2);
    assertThat(link2).isNotEqualTo(link1);
    assertThat(post(link2 + "/results", Map.of("testerName", "Ana Gil", "tested", "Carpeta Clientes", "outcome", "ok")).statusCode())
        .isEqualTo(303);
    assertThat(post(link2 + "/submit", Map.of("submittedBy", "Luisa López")).statusCode()).isEqualTo(303);
    assertThat(openTaskKeys(instance)).containsExactly("postIncidentReview");

    complete(instance, "postIncidentReview", """
        {"rootCause": {"value": "Disco del sistema sin monitorizar"}, "lessonsLearned": {"value": "Monitorizar discos"},
         "wentWell": {"value": "Copia de la noche anterior intacta"},
         "actionItems": {"type": "Json", "value": "[{\\"what\\": \\"Instalar monitorización SMART\\", \\"owner\\": \\"tech\\", \\"dueDate\\": \\"%s\\"}]"}}"""
        .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Madrid")).plusDays(12)));
    assertThat(runtime.getVariable(instance, ProcedureVariables.PREVENTION_RECOMMENDATIONS)).isEqualTo("offsiteCopy,monitoring,hardwareRenewal");
    complete(instance, "offerPrevention", "{\"clientInterest\": {\"value\": \"considering\"}}");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getState()).isEqualTo("COMPLETED");

    MimeMessage closed = MAIL.await("case closed", m -> subjectOf(m).equals("[" + caseNumber + "] Caso cerrado: informe final"));
    assertThat(MailRoom.html(closed)).as("the client still considering the prevention is invited to reply")
        .contains("Sigue valorando la prevención que le recomendamos");
    String report = pdfText(MailRoom.attachment(closed, caseNumber + "-report.pdf"));
    assertThat(report).contains(caseNumber, "Informe de la incidencia", "Cumplido", "8 h acordadas", "Dentro del objetivo: 2 h",
        "Ronda 1", "Faltan los ficheros de octubre", "Ronda 2", "Qué se ha recuperado",
        "Copia de las copias de seguridad fuera de la oficina", "Pruebas de aceptación del cliente", "Evaluar el problema y el impacto Tomás Technician",
        "Sistemas Ejemplo S.L.", "Calle Mayor 1", "Página 1 / ")
        .as("the review is ours: the manager did not share it with the client")
        .doesNotContain("Disco del sistema sin monitorizar", "Monitorizar discos", "Copia de la noche anterior intacta",
            "Instalar monitorización SMART")
        .as("people by name, no automatic step, the time zone said once")
        .doesNotContain(" tech ", "manager", "Buscar casos parecidos", "Decidir la gravedad y los objetivos")
        .containsOnlyOnce("Europe/Madrid");

    // every message of the case, each once, in Spanish for the client
    List<String> toClient = MAIL.all().stream().filter(m -> subjectOf(m).startsWith("[" + caseNumber + "]")
        && MailRoom.to(m).contains("luisa@gestorialopez.example")).map(MailRoom::subject).toList();
    assertThat(toClient).containsExactlyInAnyOrder(
        "[" + caseNumber + "] Nos ponemos en marcha: su incidencia está registrada",
        "[" + caseNumber + "] Objetivos de recuperación acordados",
        "[" + caseNumber + "] La recuperación está lista: pida a sus usuarios que la prueben",
        "[" + caseNumber + "] La recuperación está lista: pida a sus usuarios que la prueben",
        "[" + caseNumber + "] Caso cerrado: informe final");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox WHERE case_number = ? AND status <> 'SENT'", Long.class, caseNumber))
        .as("nothing left unsent").isZero();
  }

  @Test
  void theReportOfTheApiMatchesTheCasesHistory_asPdfAndHtml() throws Exception {
    String caseNumber = openCase("northwind-logistics", "Warehouse database lost");
    String instance = instanceOf(caseNumber);
    assess(instance, "minor", 2, false, "humanError", "Stock spreadsheet");
    agree(instance, 4, 1, "recover", "Sam Carter");
    complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}, \"dataLossHours\": {\"value\": 3}}");

    HttpResponse<byte[]> pdf = report(caseNumber, "application/pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
    String text = pdfText(pdf.body());
    assertThat(text).contains(caseNumber, "Incident report", "Northwind Logistics", "4 h", "Not accepted yet", "Exceeded: 3 h of data lost, 1 h allowed");

    HttpResponse<byte[]> html = report(caseNumber, "text/html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(new String(html.body(), StandardCharsets.UTF_8)).contains(caseNumber, "Stock spreadsheet", "Human error");

    assertThat(report("DR-1999-0001", "application/pdf").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> badLanguage = reportAs("tech", caseNumber, "?language=fr", "application/pdf");
    assertThat(badLanguage.statusCode()).isEqualTo(400);
    assertThat(new String(badLanguage.body(), StandardCharsets.UTF_8)).contains("\"field\":\"language\"", "must be es or en");
    assertThat(pdfText(reportAs("manager", caseNumber, "?language=es", "application/pdf").body())).contains("Informe de la incidencia");
    assertThat(reportAs(null, caseNumber, "application/pdf").statusCode()).isEqualTo(401);
  }

  @Test
  void anExpiredLinkShowsAClearPageAndChangesNothing() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "Portátil de la oficina no arranca");
    String instance = instanceOf(caseNumber);
    walkToAcceptance(instance);
    String link = acceptanceLink(caseNumber, 1);
    jdbc.update("UPDATE rebound_client_link SET expires_at = ? WHERE case_number = ?",
        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)), caseNumber);   // seven days have passed

    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("Este enlace ha caducado", caseNumber).doesNotContain("<form");
    HttpResponse<String> late = post(link + "/results", Map.of("testerName", "Juan", "tested", "Facturas", "outcome", "ok"));
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("Este enlace ha caducado");
    assertThat(post(link + "/submit", Map.of("submittedBy", "Juan")).statusCode()).isEqualTo(409);
    assertThat(resultCount(instance)).isZero();
    assertThat(openTaskKeys(instance)).containsExactly("clientAcceptance");

    HttpResponse<String> unknown = getPath("/acceptance/" + "x".repeat(43));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Este enlace no es válido");
  }

  @Test
  void badInputOnThePageIsMarkedFieldByFieldAndRecordsNothing() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "Carpeta de facturas borrada");
    String instance = instanceOf(caseNumber);
    walkToAcceptance(instance);
    String link = acceptanceLink(caseNumber, 1);

    HttpResponse<String> refused = post(link + "/results", Map.of("testerName", " ", "tested", "Facturas", "outcome", "problem"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Corrija los campos marcados", "Rellene este campo.").contains("value=\"Facturas\"");
    HttpResponse<String> empty = post(link + "/submit", Map.of("submittedBy", "Juan García"));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("Nadie ha anotado un resultado todavía");
    assertThat(resultCount(instance)).isZero();
    assertThat(openTaskKeys(instance)).containsExactly("clientAcceptance");
  }

  @Test
  void whenATechnicianRecordsTheAnswerFirst_theLinkSaysTheRoundIsClosed() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "El router no da Internet");
    String instance = instanceOf(caseNumber);
    walkToAcceptance(instance);
    String link = acceptanceLink(caseNumber, 1);
    complete(instance, "clientAcceptance", "{\"clientAccepted\": {\"value\": true}, \"testedBy\": {\"value\": \"Juan by phone\"}}");

    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    // the client reads the technician's name, not his login name
    assertThat(page.body()).contains("Esta ronda está cerrada", "Tomás Technician", "todo funciona", "anotado por nuestro técnico")
        .doesNotContain(">tech envió");
    HttpResponse<String> late = post(link + "/submit", Map.of("submittedBy", "Juan García"));
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("Esta ronda está cerrada");
    assertThat(runtime.getVariable(instance, ProcedureVariables.ANSWERED_VIA)).isEqualTo("tasklist");
    assertThat(openTaskKeys(instance)).containsExactly("postIncidentReview");
  }

  @Test
  void whenTheClientAnswersFirst_theTechniciansCompletionIsRefused() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "Impresora de planos sin red");
    String instance = instanceOf(caseNumber);
    walkToAcceptance(instance);
    String taskId = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("clientAcceptance").singleResult().getId();
    String link = acceptanceLink(caseNumber, 1);
    assertThat(post(link + "/results", Map.of("testerName", "Juan", "tested", "Plotter", "outcome", "ok")).statusCode()).isEqualTo(303);
    assertThat(post(link + "/submit", Map.of("submittedBy", "Juan García")).statusCode()).isEqualTo(303);

    EngineRestClient.Response late = EngineRestClient.ofEngine(port, "tech", ENGINE).post("/task/" + taskId + "/complete",
        "{\"variables\": {\"clientAccepted\": {\"value\": false}, \"acceptanceIssues\": {\"value\": \"x\"}}}");
    assertThat(late.status()).isEqualTo(404);
    assertThat(late.body().get("message").asText()).contains(taskId, "answered already", "by the client through their link");
    assertThat(runtime.getVariable(instance, ProcedureVariables.CLIENT_ACCEPTED)).isEqualTo(true);
    assertThat(runtime.getVariable(instance, ProcedureVariables.ANSWERED_BY)).isEqualTo("Juan García");
  }

  @Test
  void theClientConsentsToTheRestorationThroughItsLink() throws Exception {
    String caseNumber = openCase("gestoria-lopez", "Ransomware en el servidor");
    String instance = instanceOf(caseNumber);
    assess(instance, "partial", 4, true, "ransomware", "Servidor FS01 cifrado");
    agree(instance, 8, 24, "restore", "Luisa López");
    complete(instance, "assessRestoration", """
        {"restorationMethod": {"value": "virtualMachine"}, "expectedDataLoss": {"value": "Los cambios desde el domingo a las 22:00"},
         "askConsentByLink": {"value": true}}""");
    MimeMessage request = MAIL.await("consent request", m -> subjectOf(m).startsWith("[" + caseNumber + "] Necesitamos su consentimiento"));
    assertThat(MailRoom.html(request)).contains("Levantar sus sistemas en una máquina virtual", "Los cambios desde el domingo a las 22:00");
    Matcher link = Pattern.compile("https://rebound\\.example\\.test(/consent/[A-Za-z0-9_-]{40,})").matcher(MailRoom.html(request));
    assertThat(link.find()).isTrue();
    String url = "http://localhost:" + port + link.group(1);

    HttpResponse<String> page = get(url);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Consentimiento para la restauración", "Los cambios desde el domingo a las 22:00");
    assertThat(post(url, Map.of("name", "Luisa López")).statusCode()).as("no answer chosen").isEqualTo(400);
    assertThat(post(url, Map.of("name", "Luisa López", "answer", "yes")).statusCode()).isEqualTo(303);
    assertThat(openTaskKeys(instance)).containsExactly("restoreToVm");
    assertThat(runtime.getVariable(instance, ProcedureVariables.CLIENT_CONSENTED)).isEqualTo(true);
    assertThat(runtime.getVariable(instance, ProcedureVariables.ANSWERED_BY)).isEqualTo("Luisa López");
    assertThat(runtime.getVariable(instance, ProcedureVariables.CONSENT_GIVEN_BY)).isEqualTo("Luisa López");
    assertThat(get(url).body()).contains("Luisa López aceptó la restauración");
    String report = new String(reportAs("tech", caseNumber, "?language=es", "text/html").body(), StandardCharsets.UTF_8);
    assertThat(report).as("the report reads who consented from the round's record").contains("por Luisa López en la página de consentimiento");
  }

  @Test
  void theClocksWriteToManagersAndRemindTheClientWithAFreshLink() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "Servidor de planos sin disco");
    String instance = instanceOf(caseNumber);
    walkToAcceptance(instance);
    executeTimer(instance, "Event_RtoWarning");
    executeTimer(instance, "Event_RtoBreach");
    MimeMessage warning = MAIL.await("RTO warning", m -> subjectOf(m).equals("[" + caseNumber + "] 75% of the agreed RTO used"
        + " (Construcciones y Ladrillos García)"));
    assertThat(MailRoom.to(warning)).containsExactly("manager@rebound.invalid");
    assertThat(MailRoom.html(warning)).contains("48 h", "Three quarters");
    MimeMessage breach = MAIL.await("RTO breach", m -> subjectOf(m).startsWith("[" + caseNumber + "] RTO breached"));
    assertThat(MailRoom.html(breach)).contains("A task waits in the managers&#39; queue", "Back to normal by");

    String first = acceptanceLink(caseNumber, 1);
    executeTimer(instance, "Event_AcceptanceReminder");
    MimeMessage reminder = MAIL.await("reminder", m -> subjectOf(m).startsWith("[" + caseNumber + "] Recordatorio"));
    Matcher fresh = ACCEPTANCE_LINK.matcher(MailRoom.html(reminder));
    assertThat(fresh.find()).isTrue();
    String second = "http://localhost:" + port + fresh.group(1);
    assertThat(second).isNotEqualTo(first);
    assertThat(get(second).body()).as("the fresh link opens the same round").contains("Ronda de pruebas 1");
    assertThat(post(second + "/results", Map.of("testerName", "Juan", "tested", "Planos", "outcome", "ok")).statusCode()).isEqualTo(303);
    assertThat(get(first).body()).as("both links show the round's results").contains("Planos");
  }

  @Test
  void withTheSmtpServerDown_theStepCompletes_andTheMessageArrivesOnceWhenItIsBack() throws Exception {
    MAIL.smtp.stop();
    String caseNumber;
    try {
      caseNumber = openCase("ladrillos-garcia", "Servidor caído durante la caída del correo");
      await("delivery retried").atMost(Duration.ofSeconds(20)).until(() -> attempts(caseNumber) >= 2);
      assertThat(jdbc.queryForObject("SELECT status FROM rebound_outbox WHERE case_number = ?", String.class, caseNumber)).isEqualTo("PENDING");
      assertThat(jdbc.queryForObject("SELECT last_error FROM rebound_outbox WHERE case_number = ?", String.class, caseNumber)).isNotBlank();
      assertThat(openTaskKeys(instanceOf(caseNumber))).containsExactly("assessImpact");
    } finally {
      MAIL.smtp.start();
    }
    String subject = "[" + caseNumber + "] Nos ponemos en marcha: su incidencia está registrada";
    MAIL.await("case opened after the outage", m -> subjectOf(m).equals(subject));
    await("delivered once, and only once").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
        .until(() -> MAIL.count(m -> subjectOf(m).equals(subject)) == 1);
    assertThat(jdbc.queryForObject("SELECT status FROM rebound_outbox WHERE case_number = ?", String.class, caseNumber)).isEqualTo("SENT");
  }

  @Test
  void aStepThatIsRolledBackQueuesNothing_andItsRetryQueuesOnce() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "Disco lleno en el servidor");
    String instance = instanceOf(caseNumber);
    assess(instance, "minor", 1, false, "software", "Disco D:");
    String taskId = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("agreeObjectives").singleResult().getId();
    Map<String, Object> answer = Map.of("rtoHours", 48L, "rpoHours", 24L, "approach", "recover", "agreedWith", "Juan García");
    org.springframework.transaction.support.TransactionTemplate transaction = new org.springframework.transaction.support.TransactionTemplate(
        transactionManager);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      tasks.complete(taskId, answer);
      assertThat(objectivesMessages(caseNumber)).as("queued inside the step's transaction").isEqualTo(1);
      throw new IllegalStateException("the database went away before the commit");
    })).hasMessageContaining("went away");
    assertThat(objectivesMessages(caseNumber)).as("rolled back with the step").isZero();
    assertThat(openTaskKeys(instance)).containsExactly("agreeObjectives");

    tasks.complete(taskId, answer);
    assertThat(objectivesMessages(caseNumber)).isEqualTo(1);
    String subject = "[" + caseNumber + "] Objetivos de recuperación acordados";
    MAIL.await("objectives agreed", m -> subjectOf(m).equals(subject));
    MailRoom.sleep(1000);
    assertThat(MAIL.count(m -> subjectOf(m).equals(subject))).isEqualTo(1);
  }

  @Test
  void techniciansHearOfHighSeverityWorkAndOfTasksAssignedToThem() throws Exception {
    String caseNumber = openCase("northwind-logistics", "Warehouse system down, trucks waiting");
    String instance = instanceOf(caseNumber);
    assess(instance, "total", 180, true, "hardware", "WMS database server");
    assertThat(runtime.getVariable(instance, ProcedureVariables.SEVERITY)).isEqualTo("SEV1");
    agree(instance, 4, 1, "recover", "Sam Carter");
    MimeMessage queued = MAIL.await("high-severity queue alert",
        m -> subjectOf(m).equals("[" + caseNumber + "] High-severity case in the technicians' queue: Recover data and systems (Northwind Logistics)"));
    // every technician (another test class of this shared application may have added one), no manager
    assertThat(MailRoom.to(queued)).contains("tech@rebound.invalid").doesNotContain("manager@rebound.invalid");
    assertThat(MailRoom.html(queued)).contains("Recover data and systems", "SEV1", "/camunda/app/tasklist/");
    assertThat(MailRoom.plainAlternative(queued)).as("staff mail is signed by Rebound, not 'your IT service provider'")
        .contains("Rebound · Sistemas Ejemplo S.L.").doesNotContainIgnoringCase("your IT service provider");

    String recoverTask = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("recover").singleResult().getId();
    assertThat(EngineRestClient.ofEngine(port, "tech", ENGINE).post("/task/" + recoverTask + "/claim", "{\"userId\": \"tech\"}").status()).isEqualTo(204);
    assertThat(EngineRestClient.ofEngine(port, "tech", ENGINE).post("/task/" + recoverTask + "/unclaim", "{}").status()).isEqualTo(204);
    assertThat(EngineRestClient.ofEngine(port, "manager", ENGINE).post("/task/" + recoverTask + "/assignee", "{\"userId\": \"tech\"}").status())
        .isEqualTo(204);
    String assignedSubject = "[" + caseNumber + "] A task was assigned to you";
    MimeMessage assigned = MAIL.await("assignment", m -> subjectOf(m).equals(assignedSubject));
    assertThat(MailRoom.to(assigned)).containsExactly("tech@rebound.invalid");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox WHERE case_number = ? AND kind = 'taskAssigned'", Long.class,
        caseNumber)).as("claiming one's own task sends nothing").isEqualTo(1);

    // the case's next technicians' steps (verification, the client's test) do not alert the queue again
    tasks.complete(recoverTask, Map.of("recoveryOutcome", "done"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("verifyInternally").singleResult().getId(),
        Map.of("internalCheckPassed", true));
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("clientAcceptance").count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox WHERE case_number = ? AND kind = 'highSeverityQueued'",
        Long.class, caseNumber)).as("one queue alert per case").isEqualTo(1);
  }

  @Test
  void managersSeeTheOutbox_andRetryAFailedMessage() throws Exception {
    String caseNumber = openCase("ladrillos-garcia", "Correo caído");
    MAIL.await("case opened", m -> subjectOf(m).startsWith("[" + caseNumber + "] Nos ponemos en marcha"));
    long id = jdbc.queryForObject("SELECT id FROM rebound_outbox WHERE case_number = ? AND kind = 'caseOpened'", Long.class, caseNumber);

    assertThat(ApiCalls.call(port, "tech", "GET", "/api/outbox", null).statusCode()).isEqualTo(403);
    HttpResponse<String> list = ApiCalls.call(port, "manager", "GET", "/api/outbox?caseNumber=" + caseNumber, null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(list.body());
    assertThat(body.get("deliveryConfigured").asBoolean()).isTrue();
    assertThat(body.get("items").get(0).get("status").asText()).isEqualTo("SENT");
    HttpResponse<String> bad = ApiCalls.call(port, "manager", "GET", "/api/outbox?status=LOST", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"status\"");
    assertThat(ApiCalls.call(port, "manager", "POST", "/api/outbox/" + id + "/retry", null).statusCode()).as("only FAILED").isEqualTo(409);

    // as if the server had refused it max-attempts times
    jdbc.update("UPDATE rebound_outbox SET status = 'FAILED', last_error = 'SMTP 550 mailbox full' WHERE id = ?", id);
    HttpResponse<String> retried = ApiCalls.call(port, "manager", "POST", "/api/outbox/" + id + "/retry", null);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    await("sent again").atMost(Duration.ofSeconds(20))
        .until(() -> "SENT".equals(jdbc.queryForObject("SELECT status FROM rebound_outbox WHERE id = ?", String.class, id)));
    assertThat(MAIL.rawCount(m -> subjectOf(m).startsWith("[" + caseNumber + "] Nos ponemos en marcha")))
        .as("sent again on purpose, with the same Message-ID").isEqualTo(2);
  }

  @Test
  void theClientAndATechnicianAnsweringAtTheSameMoment_exactlyOneWins() throws Exception {
    for (int attempt = 0; attempt < 8; attempt++) {
      String caseNumber = openCase("ladrillos-garcia", "Carrera " + attempt);
      String instance = instanceOf(caseNumber);
      walkToAcceptance(instance);
      String link = acceptanceLink(caseNumber, 1);
      assertThat(post(link + "/results", Map.of("testerName", "Juan", "tested", "Facturas", "outcome", "problem",
          "description", "Falta enero")).statusCode()).isEqualTo(303);
      String taskId = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("clientAcceptance").singleResult().getId();

      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
      java.util.concurrent.Future<Integer> client = both.submit(() -> {
        go.await();
        return post(link + "/submit", Map.of("submittedBy", "Juan García")).statusCode();
      });
      java.util.concurrent.Future<EngineRestClient.Response> technician = both.submit(() -> {
        go.await();
        return EngineRestClient.ofEngine(port, "tech", ENGINE).post("/task/" + taskId + "/complete",
            "{\"variables\": {\"clientAccepted\": {\"value\": true}}}");
      });
      go.countDown();
      int clientStatus = client.get();
      EngineRestClient.Response technicianAnswer = technician.get();
      int technicianStatus = technicianAnswer.status();
      both.shutdown();

      boolean clientWon = clientStatus == 303;
      boolean technicianWon = technicianStatus == 204;
      assertThat(clientWon ^ technicianWon).as("attempt %d: client %d, technician %d", attempt, clientStatus, technicianStatus).isTrue();
      assertThat(clientWon ? technicianStatus : clientStatus).as("the other is told: %s", technicianAnswer.body()).isIn(404, 409);
      if (clientWon) {
        assertThat(technicianAnswer.body().get("message").asText())
            .containsAnyOf("already answered", "answered already", "someone else changed the same case");
      }
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId("clientAcceptance").finished().count())
          .isEqualTo(1);
      assertThat(runtime.getVariable(instance, ProcedureVariables.ANSWERED_VIA)).isEqualTo(clientWon ? "link" : "tasklist");
      assertThat(runtime.getVariable(instance, ProcedureVariables.CLIENT_ACCEPTED)).isEqualTo(!clientWon);
      assertThat(jdbc.queryForObject("SELECT closed_via FROM rebound_client_round WHERE process_instance_id = ?", String.class, instance))
          .isEqualTo(clientWon ? "link" : "tasklist");
    }
  }

  // ---- helpers

  private String openCase(String clientId, String summary) throws Exception {
    HttpResponse<String> response = ApiCalls.call(port, "tech", "POST", "/api/incidents",
        "{\"clientId\": \"" + clientId + "\", \"summary\": \"" + summary + "\", \"reportedBy\": \"Luisa López\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("caseNumber").asText();
  }

  private String instanceOf(String caseNumber) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).singleResult().getId();
  }

  /** Completes the case's open task of that key over /engine-rest, as the group it belongs to (managers' tasks as manager). */
  void complete(String instance, String taskKey, String variables) {
    List<org.camunda.bpm.engine.task.Task> open = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey).list();
    assertThat(open).as("open %s", taskKey).hasSize(1);
    String taskId = open.get(0).getId();
    boolean managers = tasks.getIdentityLinksForTask(taskId).stream().anyMatch(link -> "managers".equals(link.getGroupId()));
    EngineRestClient rest = EngineRestClient.ofEngine(port, managers ? "manager" : "tech", ENGINE);
    EngineRestClient.Response done = rest.post("/task/" + taskId + "/complete", "{\"variables\": " + variables + "}");
    assertThat(done.status()).as("completing %s: %s", taskKey, done.body()).isEqualTo(204);
  }

  private List<String> openTaskKeys(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).list().stream().map(org.camunda.bpm.engine.task.Task::getTaskDefinitionKey)
        .toList();
  }

  private String acceptanceLink(String caseNumber, int round) {
    List<MimeMessage> ready = await("ready-for-testing mails").atMost(Duration.ofSeconds(20)).until(() -> MAIL.all().stream()
        .filter(m -> subjectOf(m).startsWith("[" + caseNumber + "] La recuperación está lista")).toList(), mails -> mails.size() >= round);
    assertThat(ready).as("ready-for-testing mails").hasSize(round);
    String html = MailRoom.html(ready.get(round - 1));
    assertThat(html).contains("Ronda de pruebas", "El enlace funciona hasta el");
    Matcher link = ACCEPTANCE_LINK.matcher(html);
    assertThat(link.find()).as("acceptance link in %s", html).isTrue();
    return "http://localhost:" + port + link.group(1);
  }

  private void assess(String instance, String impact, int users, boolean dataLoss, String cause, String scope) {
    complete(instance, "assessImpact", """
        {"impactLevel": {"value": "%s"}, "usersAffected": {"value": %d}, "dataLossSuspected": {"value": %s},
         "probableCause": {"value": "%s"}, "damagedScope": {"value": "%s"}}""".formatted(impact, users, dataLoss, cause, scope));
  }

  private void agree(String instance, int rtoHours, int rpoHours, String approach, String agreedWith) {
    complete(instance, "agreeObjectives", """
        {"rtoHours": {"value": %d}, "rpoHours": {"value": %d}, "approach": {"value": "%s"}, "agreedWith": {"value": "%s"}}"""
        .formatted(rtoHours, rpoHours, approach, agreedWith));
    // the case's runbook, walked by its shortest way (the runbooks have tests of their own)
    com.rebound.RunbookSteps.finish(tasks, runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey());
  }

  private void walkToAcceptance(String instance) {
    assess(instance, "minor", 1, false, "hardware", "Portátil de Juan");
    agree(instance, 48, 24, "recover", "Juan García");
    complete(instance, "recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
    complete(instance, "verifyInternally", "{\"internalCheckPassed\": {\"value\": true}}");
  }

  private void executeTimer(String instance, String activityId) {
    org.camunda.bpm.engine.runtime.Job timer = managementService.createJobQuery().processInstanceId(instance).activityId(activityId)
        .singleResult();
    assertThat(timer).as("timer %s", activityId).isNotNull();
    managementService.executeJob(timer.getId());
  }

  private long attempts(String caseNumber) {
    Long attempts = jdbc.queryForObject("SELECT MAX(attempts) FROM rebound_outbox WHERE case_number = ?", Long.class, caseNumber);
    return attempts == null ? 0 : attempts;
  }

  private long objectivesMessages(String caseNumber) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM rebound_outbox WHERE case_number = ? AND kind = 'objectivesAgreed'", Long.class,
        caseNumber);
  }

  private long resultCount(String instance) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM rebound_acceptance_result WHERE process_instance_id = ?", Long.class, instance);
  }

  static String subjectOf(MimeMessage message) {
    return MailRoom.subject(message);
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : "http://localhost" + url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> getPath(String path) throws Exception {
    return get("http://localhost:" + port + path);
  }

  static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> report(String caseNumber, String accept) throws Exception {
    return reportAs("tech", caseNumber, accept);
  }

  private HttpResponse<byte[]> reportAs(String user, String caseNumber, String accept) throws Exception {
    return reportAs(user, caseNumber, "", accept);
  }

  private HttpResponse<byte[]> reportAs(String user, String caseNumber, String query, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents/" + caseNumber + "/report"
            + query))
        .header("Accept", accept).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String pdfText(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }
}
