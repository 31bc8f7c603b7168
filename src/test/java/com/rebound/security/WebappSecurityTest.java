package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps: logins from Camunda's identity store, an application per role, CSRF protection on,
 * the webapps' own security headers, and their session also opening {@code /engine-rest} (reading;
 * changing needs the CSRF token).
 */
@ReboundSpringBootTest
class WebappSecurityTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  private final class Browser {
    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getIn(String language, String path) throws Exception {
      return http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putIn(String language, String path, String json) throws Exception {
      return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("Accept-Language", language)
          .header("X-XSRF-TOKEN", csrfToken()).PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body, boolean withCsrfToken) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (withCsrfToken) {
        request.header("X-XSRF-TOKEN", csrfToken());
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String csrfToken() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    int logIn(String user, String app) throws Exception {
      get("/camunda/app/" + app + "/default/");
      int status = post("/camunda/api/admin/auth/user/default/login/" + app, "application/x-www-form-urlencoded",
          "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
          true).statusCode();
      // as the app does next: a page load gives the new session its CSRF token
      get("/camunda/app/" + app + "/default/");
      return status;
    }

    private URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }

  @Test
  void eachRoleGetsItsApplications() throws Exception {
    assertThat(new Browser().logIn("tech", "tasklist")).isEqualTo(200);
    assertThat(new Browser().logIn("tech", "cockpit")).as("technicians have no Cockpit").isIn(401, 403);
    assertThat(new Browser().logIn("tech", "admin")).as("technicians have no Admin").isIn(401, 403);
    assertThat(new Browser().logIn("manager", "cockpit")).isEqualTo(200);
    assertThat(new Browser().logIn("manager", "admin")).as("managers have no Admin").isIn(401, 403);
    assertThat(new Browser().logIn("admin", "admin")).isEqualTo(200);
    for (String app : new String[] {"welcome", "tasklist", "cockpit"}) {
      assertThat(new Browser().logIn("metrics", app)).as("the metrics account has no webapp (%s)", app).isIn(401, 403);
    }
  }

  @Test
  void csrfProtectionStaysOnForTheWebappsAndForTheirSessionOnEngineRest() throws Exception {
    Browser tech = new Browser();
    assertThat(tech.logIn("tech", "tasklist")).isEqualTo(200);
    String start = "{\"variables\": {\"clientId\": {\"value\": \"gestoria-lopez\"}, \"reportedBy\": {\"value\": \"y\"}, \"summary\": {\"value\": \"z\"}}}";
    Map<String, Long> before = EngineState.of(engine);

    HttpResponse<String> restWithoutToken = tech.post(
        "/engine-rest/process-definition/key/disasterRecovery/start", "application/json", start, false);
    // Camunda ends the session of a request without the token: a second login for that check
    Browser other = new Browser();
    assertThat(other.logIn("tech", "tasklist")).isEqualTo(200);
    HttpResponse<String> webappWithoutToken = other.post(
        "/camunda/api/engine/engine/default/process-definition/key/disasterRecovery/submit-form", "application/json", start, false);

    assertThat(webappWithoutToken.statusCode()).isEqualTo(403);
    assertThat(restWithoutToken.statusCode()).isEqualTo(401);
    assertThat(restWithoutToken.body()).contains("CSRF token");
    assertThat(EngineState.of(engine)).isEqualTo(before);

    assertThat(tech.get("/engine-rest/task?maxResults=5").statusCode()).as("the session opens engine-rest for reading").isEqualTo(200);
    HttpResponse<String> withToken = tech.post("/engine-rest/process-definition/key/disasterRecovery/start", "application/json", start, true);
    assertThat(withToken.statusCode()).as("with the token the session may act: %s %s", withToken.body(),
        tech.cookies.getCookieStore().getCookies()).isEqualTo(200);
  }

  @Test
  void tasklistShowsTheModelsAndFiltersWordsInTheReadersLanguage_andTheEngineKeepsItsOwn() throws Exception {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "gestoria-lopez",
        "reportedBy", "Luisa", "summary", "Nombres de los pasos")).getId();
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    String queue = engine.getFilterService().createFilterQuery().filterName("Technicians' queue").singleResult().getId();
    Browser tech = new Browser();
    assertThat(tech.logIn("tech", "tasklist")).isEqualTo(200);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    com.fasterxml.jackson.databind.JsonNode shown = json.readTree(tech.getIn("es-ES",
        "/camunda/api/engine/engine/default/task/" + task).body());
    assertThat(shown.path("name").asText()).isEqualTo("Evaluar el problema y el impacto");
    assertThat(json.readTree(tech.getIn("en", "/camunda/api/engine/engine/default/task/" + task).body()).path("name").asText())
        .isEqualTo("Assess problem and impact");
    HttpResponse<String> list = tech.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/api/engine/engine/default/filter/" + queue + "/list?firstResult=0&maxResults=50"))
        .header("Content-Type", "application/json").header("Accept", "application/hal+json").header("Accept-Language", "es")
        .header("X-XSRF-TOKEN", tech.csrfToken()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).contains("\"Evaluar el problema y el impacto\"", "\"Recuperación de desastres\"")
        .doesNotContain("\"Assess problem and impact\"", "\"IT disaster recovery\"");
    // the shared filters: their names, descriptions and columns
    String shownFilters = tech.getIn("es", "/camunda/api/engine/engine/default/filter?resourceType=Task&itemCount=true&maxResults=50").body();
    assertThat(shownFilters).contains("\"Cola de los técnicos\"", "\"Todos los pasos abiertos para técnicos, reclamados o no\"",
        "\"label\":\"Caso\"", "\"label\":\"Gravedad\"").doesNotContain("Technicians' queue");
    assertThat(tech.getIn("en", "/camunda/api/engine/engine/default/filter?resourceType=Task&maxResults=50").body()).contains("Technicians' queue");
    // the console's case page names the steps the same way (its open steps, its timeline)
    String caseNumber = (String) engine.getRuntimeService().getVariable(instance, "caseNumber");
    assertThat(tech.getIn("es", "/api/cases/" + caseNumber).body())
        .contains("\"name\":\"Evaluar el problema y el impacto\"", "\"name\":\"Incidencia comunicada\"");
    assertThat(tech.getIn("en", "/api/cases/" + caseNumber).body())
        .contains("\"name\":\"Assess problem and impact\"", "\"name\":\"Disaster reported\"");
    assertThat(tech.getIn("es", "/api/cases?q=" + caseNumber).body()).contains("\"name\":\"Evaluar el problema y el impacto\"");

    // Tasklist sends the task back as it showed it (its name, its form reference) when it saves a task: the task keeps the
    // model's name, and a date a person sets is refused with the rule's reason (not a Java type the engine cannot read)
    ((com.fasterxml.jackson.databind.node.ObjectNode) shown).remove("_links");
    assertThat(shown.path("camundaFormRef").path("key").asText()).isEqualTo("assessImpact");
    assertThat(tech.putIn("es", "/camunda/api/engine/engine/default/task/" + task, json.writeValueAsString(shown)).statusCode())
        .isEqualTo(204);
    ((com.fasterxml.jackson.databind.node.ObjectNode) shown).put("followUp", "2026-12-31T10:00:00.000+0000");
    assertThat(tech.putIn("es", "/camunda/api/engine/engine/default/task/" + task, json.writeValueAsString(shown)).body())
        .contains("A step's followUpDate come from the model").doesNotContain("CamundaFormRef");
    // an administrator (managers only read the shared filters) saves one as Tasklist showed it in Spanish, its color
    // changed: it keeps its own words
    String managerQueue = engine.getFilterService().createFilterQuery().filterName("Managers' queue").singleResult().getId();
    Browser manager = new Browser();
    assertThat(manager.logIn("admin", "tasklist")).isEqualTo(200);
    com.fasterxml.jackson.databind.node.ObjectNode filter = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
        manager.getIn("es", "/camunda/api/engine/engine/default/filter/" + managerQueue).body());
    assertThat(filter.path("name").asText()).isEqualTo("Cola de los responsables");
    ((com.fasterxml.jackson.databind.node.ObjectNode) filter.path("properties")).put("color", "#555555");
    assertThat(manager.putIn("es", "/camunda/api/engine/engine/default/filter/" + managerQueue, json.writeValueAsString(filter))
        .statusCode()).isEqualTo(204);
    org.camunda.bpm.engine.filter.Filter saved = engine.getFilterService().getFilter(managerQueue);
    assertThat(saved.getName()).isEqualTo("Managers' queue");
    assertThat(saved.getProperties()).containsEntry("color", "#555555")
        .containsEntry("description", "Escalations, reviews and prevention offers for managers");
    assertThat(saved.getProperties().get("variables").toString()).contains("label=Case").doesNotContain("Caso");

    org.camunda.bpm.engine.task.Task after = engine.getTaskService().createTaskQuery().taskId(task).singleResult();
    assertThat(after.getName()).isEqualTo("Assess problem and impact");
    assertThat(after.getFollowUpDate()).isNull();
  }

  @Test
  void textPeopleTypedReachesTasklistsFormsAsText_notAsMarkdown() throws Exception {
    String typed = "[x](https://evil.example) **now** <b>";
    String instance = engine.getRuntimeService().startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "gestoria-lopez",
        "reportedBy", "Luisa", "summary", typed, "damagedScope", typed)).getId();
    String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    Browser tech = new Browser();
    assertThat(tech.logIn("tech", "tasklist")).isEqualTo(200);

    HttpResponse<String> shown = tech.get("/camunda/api/engine/engine/default/task/" + task + "/form-variables?deserializeValues=false");

    assertThat(shown.statusCode()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode variables = new com.fasterxml.jackson.databind.ObjectMapper().readTree(shown.body());
    assertThat(variables.path("summary").path("value").asText()).as("shown in the form's text")
        .isEqualTo("\\[x\\]\\(https\\:\\/\\/evil\\.example\\) \\*\\*now\\*\\* \\<b\\>");
    assertThat(variables.path("damagedScope").path("value").asText()).as("a field of this form keeps its value").isEqualTo(typed);
    assertThat(engine.getRuntimeService().getVariable(instance, "summary")).as("the record is unchanged").isEqualTo(typed);
  }

  @Test
  void aChoiceOfAnEarlierStepReadsAsTheWordsOfItsForm() throws Exception {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "gestoria-lopez",
        "reportedBy", "Luisa", "summary", "NAS")).getId();
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId(),
        Map.of("impactLevel", "major", "usersAffected", 12L, "dataLossSuspected", true, "probableCause", "ransomware",
            "damagedScope", "NAS"));
    String objectives = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    Browser tech = new Browser();
    assertThat(tech.logIn("tech", "tasklist")).isEqualTo(200);

    com.fasterxml.jackson.databind.JsonNode variables = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        tech.get("/camunda/api/engine/engine/default/task/" + objectives + "/form-variables?deserializeValues=false").body());

    // as Markdown renders them (the labels are escaped like any text)
    java.util.function.Function<String, String> shown = name -> variables.path(name).path("value").asText().replaceAll("\\\\(.)", "$1");
    assertThat(shown.apply("probableCause")).isEqualTo("Ransomware or other malware");
    assertThat(shown.apply("dataLossSuspected")).isEqualTo("Yes, data may be lost");
    assertThat(shown.apply("impactLevel")).startsWith("Major");
    assertThat(shown.apply("openedAt")).as("a moment in the reader's language and the client's zone").endsWith("(Europe/Madrid)")
        .doesNotContain("T");
    java.util.Date openedAt = (java.util.Date) engine.getRuntimeService().getVariable(instance, "openedAt");
    com.fasterxml.jackson.databind.JsonNode inSpanish = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tech.getIn(
        "es-ES,es;q=0.9", "/camunda/api/engine/engine/default/task/" + objectives + "/form-variables?deserializeValues=false").body());
    String spanish = inSpanish.path("openedAt").path("value").asText().replaceAll("\\\\(.)", "$1");
    assertThat(inSpanish.path("probableCause").path("value").asText().replaceAll("\\\\(.)", "$1"))
        .as("a choice in the words of the form's translation").isEqualTo("Ransomware u otro malware");
    assertThat(inSpanish.path("dataLossSuspected").path("value").asText().replaceAll("\\\\(.)", "$1"))
        .isEqualTo("Sí, puede haber datos perdidos");
    assertThat(spanish).as("in Spanish for a Spanish browser").isEqualTo(new com.rebound.notify.Formats("es", "Europe/Madrid")
        .dateTime(openedAt)).isNotEqualTo(shown.apply("openedAt"));
    assertThat(variables.path("rtoHours").path("type").asText()).as("numbers and this form's own fields as they are")
        .isEqualTo("Long");
    assertThat(engine.getRuntimeService().getVariable(instance, "dataLossSuspected")).isEqualTo(true);
  }

  @Test
  void webappsSetTheirSecurityHeaders() throws Exception {
    HttpResponse<String> tasklist = new Browser().get("/camunda/app/tasklist/default/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(tasklist.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }
}
