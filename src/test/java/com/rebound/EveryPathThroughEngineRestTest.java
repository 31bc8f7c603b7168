package com.rebound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every path of the procedure, worked only through {@code /engine-rest} over HTTP with the
 * contract's task ids and variables, as an outside script would; each case must end COMPLETED.
 */
@ReboundSpringBootTest
class EveryPathThroughEngineRestTest {

  private record Step(String taskId, String variables) {
  }

  private static final Step ASSESS = new Step("assessImpact", """
      {"impactLevel": {"value": "major"}, "usersAffected": {"value": 25, "type": "Long"},
       "dataLossSuspected": {"value": true}, "probableCause": {"value": "other"},
       "damagedScope": {"value": "NAS shares encrypted"}}""");
  private static final Step RECOVER_DONE = new Step("recover", "{\"recoveryOutcome\": {\"value\": \"done\"}}");
  private static final Step RECOVER_NEEDS_RESTORATION =
      new Step("recover", "{\"recoveryOutcome\": {\"value\": \"needsRestoration\"}}");
  private static final Step CHECK_PASSED = new Step("verifyInternally", "{\"internalCheckPassed\": {\"value\": true}}");
  private static final Step CHECK_FAILED = new Step("verifyInternally", "{\"internalCheckPassed\": {\"value\": false}}");
  private static final Step ACCEPTED = new Step("clientAcceptance", "{\"clientAccepted\": {\"value\": true}}");
  private static final Step REJECTED = new Step("clientAcceptance", """
      {"clientAccepted": {"value": false}, "acceptanceIssues": {"value": "Invoices from October are missing"}}""");
  private static final Step REVIEW = new Step("postIncidentReview", """
      {"rootCause": {"value": "Phishing e-mail"}, "lessonsLearned": {"value": "Train staff; keep offline copies"}}""");
  private static final Step OFFER = new Step("offerPrevention", "{\"clientInterest\": {\"value\": \"accepted\"}}");
  private static final Step IN_SITU = new Step("reinstallInSitu", "{\"reinstallNotes\": {\"value\": \"OS reinstalled\"}}");
  private static final Step TO_VM = new Step("restoreToVm", "{\"vmDetails\": {\"value\": \"vm-nas on hv1\"}}");

  private static Step agree(String approach) {
    return new Step("agreeObjectives", """
        {"rtoHours": {"value": 8, "type": "Long"}, "rpoHours": {"value": 24, "type": "Long"},
         "approach": {"value": "%s"}, "agreedWith": {"value": "Luisa López"}}""".formatted(approach));
  }

  private static Step restoration(String method, boolean consented) {
    return new Step("assessRestoration", """
        {"restorationMethod": {"value": "%s"}, "expectedDataLoss": {"value": "Changes since Friday"},
         "clientConsented": {"value": %s}, "consentGivenBy": {"value": "Luisa López, by phone"}}""".formatted(method, consented));
  }

  private static Step strategy(String strategy) {
    return new Step("reviewStrategy", "{\"strategy\": {\"value\": \"" + strategy + "\"}, "
        + "\"strategyReason\": {\"value\": \"Three rounds failed on the same share\"}}");
  }

  private static List<Step> steps(Object... parts) {
    List<Step> steps = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Step step) {
        steps.add(step);
      } else {
        @SuppressWarnings("unchecked")
        List<Step> many = (List<Step>) part;
        steps.addAll(many);
      }
    }
    return steps;
  }

  static Stream<Arguments> paths() {
    List<Step> threeRejections = steps(RECOVER_DONE, CHECK_PASSED, REJECTED, RECOVER_DONE, CHECK_PASSED, REJECTED,
        RECOVER_DONE, CHECK_PASSED, REJECTED);
    return Stream.of(
        Arguments.of("happy path", steps(ASSESS, agree("recover"), RECOVER_DONE, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("internal check fails, then passes", steps(ASSESS, agree("recover"), RECOVER_DONE, CHECK_FAILED,
            RECOVER_DONE, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("client rejects, then accepts", steps(ASSESS, agree("recover"), RECOVER_DONE, CHECK_PASSED,
            REJECTED, RECOVER_DONE, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("three rejections, keep recovering", steps(ASSESS, agree("recover"), threeRejections,
            strategy("keepRecovering"), RECOVER_DONE, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("three rejections, restore", steps(ASSESS, agree("recover"), threeRejections, strategy("restore"),
            restoration("inSitu", true), IN_SITU, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("needs restoration, in situ", steps(ASSESS, agree("recover"), RECOVER_NEEDS_RESTORATION,
            restoration("inSitu", true), IN_SITU, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("restore to a VM from the objectives", steps(ASSESS, agree("restore"),
            restoration("virtualMachine", true), TO_VM, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("client refuses restoration", steps(ASSESS, agree("restore"), restoration("inSitu", false),
            agree("recover"), RECOVER_DONE, CHECK_PASSED, ACCEPTED, REVIEW, OFFER)),
        Arguments.of("a false alarm, closed at the assessment", steps(new Step("assessImpact", """
            {"assessmentOutcome": {"value": "falseAlarm"}, "dismissalReason": {"value": "The NAS was rebooting for an update"}}"""))),
        Arguments.of("a duplicate, closed at the assessment", steps(new Step("assessImpact", """
            {"assessmentOutcome": {"value": "duplicate"}, "duplicateOf": {"value": "DR-2026-0001"},
             "dismissalReason": {"value": "The same outage, reported by another user"}}"""))),
        Arguments.of("unrecoverable", steps(ASSESS, agree("unrecoverable"), new Step("informUnrecoverable",
            "{\"unrecoverableExplanation\": {\"value\": \"Disk destroyed, no backup\"}}"), REVIEW, OFFER)));
  }

  @LocalServerPort
  int port;
  EngineRestClient tech;
  EngineRestClient manager;

  @org.junit.jupiter.api.BeforeEach
  void clients() {
    tech = new EngineRestClient(port, "tech");
    manager = new EngineRestClient(port, "manager");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void pathEndsCompleted(String path, List<Step> steps) {
    EngineRestClient.Response started = tech.post("/process-definition/key/disasterRecovery/start", """
        {"variables": {"clientId": {"value": "gestoria-lopez"}, "reportedBy": {"value": "Luisa López"},
         "summary": {"value": "%s"}}}""".formatted(path));
    assertThat(started.status()).isEqualTo(200);
    String instance = started.body().get("id").asText();

    for (Step step : steps) {
      // each step as the group it belongs to: technicians' steps as tech, managers' as manager
      EngineRestClient rest = "managers".equals(ProcedureVariables.CANDIDATE_GROUPS.get(step.taskId()))
          ? this.manager : this.tech;
      JsonNode tasks = rest.get("/task?maxResults=10&processInstanceId=" + instance).body();
      assertThat(tasks).as("%s: open tasks before %s", path, step.taskId()).hasSize(1);
      assertThat(tasks.get(0).get("taskDefinitionKey").asText()).as(path).isEqualTo(step.taskId());
      EngineRestClient.Response done = rest.post("/task/" + tasks.get(0).get("id").asText() + "/complete",
          "{\"variables\": " + step.variables() + "}");
      assertThat(done.status()).as("%s: completing %s: %s", path, step.taskId(), done.body()).isEqualTo(204);
    }

    JsonNode history = tech.get("/history/process-instance/" + instance).body();
    assertThat(history.get("state").asText()).as(path).isEqualTo("COMPLETED");
    assertThat(manager.get("/task?maxResults=10&processInstanceId=" + instance).body()).isEmpty();
  }
}
