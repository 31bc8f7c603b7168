package com.rebound.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.CaseSteps;
import com.rebound.ReboundApplication;
import com.rebound.procedure.ProcedureVariables;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What we learn comes back. Past cases, reviewed: two of ransomware (Gestoría López: file server and e-mail;
 * Ladrillos García: file server), one power cut at Gestoría López, one human error at a client like Gestoría
 * López (same sector and size). A new ransomware case of Gestoría López is shown exactly the two ransomware
 * cases, the closer first, with the facts that matched; the lessons page finds lessons by facts and words;
 * the prevention offer counts the past cases each solution would have avoided or shortened.
 */
@Tag("application")
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:rebound-lessons;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "rebound.demo-users=true",
        "camunda.bpm.process-engine-name=" + LessonsTest.ENGINE})
class LessonsTest {

  static final String ENGINE = "lessonstest";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The past cases, made once for the class: ransomware at Gestoría López, at Ladrillos García, a power cut, a human error. */
  private static final List<String> PAST = new ArrayList<>();

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  SimilarCases similar;

  CaseSteps steps;

  @BeforeEach
  void pastCases() throws Exception {
    steps = new CaseSteps(port, ENGINE, runtime, tasks);
    if (!PAST.isEmpty()) {
      return;
    }
    HttpResponse<String> like = ApiCalls.call(port, "manager", "POST", "/api/clients", """
        {"id": "asesoria-martin", "name": "Asesoría Martín", "sector": "Administration and accounting", "userCount": 30,
         "criticalityTier": "standard", "responseTimeMinutes": 120, "rtoHours": 24, "rpoHours": 24,
         "businessHours": {"days": "MON,TUE,WED,THU,FRI", "start": "09:00", "end": "19:00", "timeZone": "Europe/Madrid",
                           "onlyDuringBusinessHours": true},
         "preferredLanguage": "es",
         "contacts": [{"name": "Ana Martín", "email": "ana@asesoria.example", "role": "Owner", "agreesObjectives": true}],
         "protections": ["backup"]}""");
    assertThat(like.statusCode()).as(like.body()).isEqualTo(201);
    PAST.add(reviewed("gestoria-lopez", "ransomware", "Pay nobody; restore from the night's backup", "The offline copy saved us",
        "fileServer", "email"));
    PAST.add(reviewed("ladrillos-garcia", "ransomware", "Keep an offline copy", "Quick isolation of the PC", "fileServer"));
    PAST.add(reviewed("gestoria-lopez", "power", "Buy a UPS for the server", "Nothing lost", "fileServer"));
    PAST.add(reviewed("asesoria-martin", "humanError", "Restrict delete rights on the shares", "Versioning", "fileServer"));
  }

  @Test
  void aNewCaseOfTheFirstCauseIsShownExactlyTheTwo_withTheMatchedFacts() throws Exception {
    String caseNumber = steps.open("gestoria-lopez", "Files encrypted again");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "ransomware", "fileServer", "email");

    List<SimilarCases.Match> matches = similar.find(new SimilarCases.Facts(caseNumber, "ransomware", Set.of("fileServer", "email"),
        "gestoria-lopez", "administration and accounting", "small", Set.of("backup", "ups", "endpointProtection")), 5);
    assertThat(matches).extracting(m -> m.lesson().get("caseNumber")).containsExactly(PAST.get(0), PAST.get(1));
    assertThat(matches.get(0).matched()).containsExactly("same cause (ransomware)", "systems hit: email, file server", "same client",
        "same sector (administration and accounting)", "same size (small)", "same protections (backup, endpoint protection, ups)");
    assertThat(matches.get(0).points()).isEqualTo(2 * SimilarCases.SYSTEM_POINTS + SimilarCases.CLIENT_POINTS
        + SimilarCases.SECTOR_POINTS + SimilarCases.SIZE_POINTS + SimilarCases.PROTECTIONS_POINTS);
    assertThat(matches.get(1).matched()).containsExactly("same cause (ransomware)", "systems hit: file server");
    assertThat(matches.get(1).points()).isEqualTo(SimilarCases.SYSTEM_POINTS);

    String seenBefore = (String) runtime.getVariable(instance, ProcedureVariables.SEEN_BEFORE);
    assertThat(seenBefore).as("shown on the objectives form").contains(
        "**[" + PAST.get(0) + "](/console/case.html?case=" + PAST.get(0) + ")** · Gestoría López · recovered",
        "Matched: same cause (ransomware); systems hit: email, file server; same client",
        "*Learned:* Pay nobody; restore from the night's backup", "*What worked:* The offline copy saved us",
        "**[" + PAST.get(1) + "](/console/case.html?case=" + PAST.get(1) + ")** · Construcciones y Ladrillos García",
        "Matched: same cause (ransomware); systems hit: file server")
        .doesNotContain(PAST.get(2), PAST.get(3));
    assertThat(seenBefore.indexOf(PAST.get(0))).as("the closer first").isLessThan(seenBefore.indexOf(PAST.get(1)));
    // Tasklist reads it as Markdown (links), not escaped as people's text is
    JsonNode form = steps.formVariables("manager", instance, "agreeObjectives");
    assertThat(form.path(ProcedureVariables.SEEN_BEFORE).path("value").asText()).isEqualTo(seenBefore);
  }

  @Test
  void theLessonsPageFindsLessonsByFactsAndWords() throws Exception {
    JsonNode ransomware = lessons("cause=ransomware");
    assertThat(ransomware.get("total").asInt()).isEqualTo(2);
    assertThat(caseNumbers(ransomware)).containsExactly(PAST.get(1), PAST.get(0));
    JsonNode words = lessons("q=offline%20copy");
    assertThat(caseNumbers(words)).containsExactlyInAnyOrder(PAST.get(0), PAST.get(1));
    JsonNode ups = lessons("q=ups&client=gestoria-lopez");
    assertThat(caseNumbers(ups)).containsExactly(PAST.get(2));
    JsonNode lesson = ups.get("lessons").get(0);
    assertThat(lesson.get("probableCause").asText()).isEqualTo("power");
    assertThat(lesson.get("systems").toString()).isEqualTo("[\"fileServer\"]");
    assertThat(lesson.get("sector").asText()).isEqualTo("administration and accounting");
    assertThat(lesson.get("sizeBand").asText()).isEqualTo("small");
    assertThat(lesson.get("protections").toString()).isEqualTo("[\"backup\",\"endpointProtection\",\"ups\"]");
    assertThat(lesson.get("outcome").asText()).isEqualTo("recovered");
    assertThat(lesson.get("recoveryMinutes").isInt()).isTrue();
    assertThat(caseNumbers(lessons("sector=Administration%20and%20accounting&outcome=recovered&cause=humanError")))
        .containsExactly(PAST.get(3));

    HttpResponse<String> bad = ApiCalls.call(port, "tech", "GET", "/api/lessons?outcome=lucky&size=0", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("outcome", "must be one of recovered", "size", "must be between 1 and 200");
    assertThat(ApiCalls.call(port, "metrics", "GET", "/api/lessons", null).statusCode()).isEqualTo(403);
  }

  @Test
  void thePreventionOfferCountsThePastCasesEachSolutionWouldHaveAvoidedOrShortened() throws Exception {
    // Gestoría López has backups on site only: the table recommends an off-site copy, whatever the cause. Its two
    // past cases had the same protections; the client like it (same sector, size) had a backup only, so it is counted too.
    String caseNumber = steps.open("gestoria-lopez", "Server disk failed");
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, "hardware", "fileServer");
    steps.recoverAndAccept(instance);
    assertThat(steps.review(instance, "Monitor disks", "Backups", "[]").status()).isEqualTo(204);
    String history = (String) runtime.getVariable(instance, ProcedureVariables.PREVENTION_HISTORY);
    assertThat(history).contains("- **Off-site or cloud copy of the backups (3-2-1 rule)**: 2 of this client's 2 past cases; 1 of 1 at clients like it "
        + "(administration and accounting, small)");
    assertThat(steps.formVariables("manager", instance, "offerPrevention").path(ProcedureVariables.PREVENTION_HISTORY).path("value").asText())
        .isEqualTo(history);
  }

  private String reviewed(String clientId, String cause, String lessons, String wentWell, String... systems) throws Exception {
    String caseNumber = steps.open(clientId, "Past case: " + cause);
    String instance = steps.instanceOf(caseNumber);
    steps.assess(instance, cause, systems);
    steps.recoverAndAccept(instance);
    assertThat(steps.review(instance, lessons, wentWell, "[]").status()).isEqualTo(204);
    steps.offerPrevention(instance);
    return caseNumber;
  }

  private JsonNode lessons(String query) throws Exception {
    HttpResponse<String> answer = ApiCalls.call(port, "tech", "GET", "/api/lessons?" + query, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static List<String> caseNumbers(JsonNode page) {
    List<String> numbers = new ArrayList<>();
    page.get("lessons").forEach(lesson -> numbers.add(lesson.get("caseNumber").asText()));
    return numbers;
  }
}
