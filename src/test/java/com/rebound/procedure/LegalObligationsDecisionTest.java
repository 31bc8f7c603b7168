package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table bpmn/legal-obligations.dmn, row by row: which obligations a client's regimes and a case's facts start,
 * with their deadlines, who files them and how. Every rule is exercised.
 */
class LegalObligationsDecisionTest {

  private static final String FILE = "bpmn/legal-obligations.dmn";
  private static final Set<String> ALL_MATCHED = new HashSet<>();
  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(
        event -> event.getMatchingRules().forEach(rule -> ALL_MATCHED.add(rule.getId()))));
    engine = configuration.buildEngine();
    try (InputStream in = new FileInputStream(FILE)) {
      decision = engine.parseDecision("legalObligations", in);
    }
  }

  /** A client: processor of personal data (deadline or none), NIS2 class, DORA. */
  record Client(boolean personalData, Integer processorHours, String nis2, boolean dora) {
  }

  /** The case's facts; shared: the provider's own incident (cases linked to one cause). */
  record Case(boolean personalDataAffected, boolean highRisk, boolean significant, boolean major, boolean shared) {

    Case(boolean personalDataAffected, boolean highRisk, boolean significant, boolean major) {
      this(personalDataAffected, highRisk, significant, major, false);
    }
  }

  static Stream<Arguments> cases() {
    // client, facts -> "code:hours:responsible:how:countFrom" of each obligation
    return Stream.of(
        Arguments.of(new Client(false, null, "none", false), new Case(false, false, false, false), List.of()),
        Arguments.of(new Client(false, null, "none", false), new Case(true, false, false, false),
            List.of("gdpr-authority:72:client:confirm:awareness")),
        Arguments.of(new Client(true, 24, "none", false), new Case(true, false, false, false),
            List.of("gdpr-authority:72:client:confirm:awareness", "gdpr-processor:24:provider:send:awareness")),
        Arguments.of(new Client(true, 48, "none", false), new Case(true, true, false, false),
            List.of("gdpr-authority:72:client:confirm:awareness", "gdpr-data-subjects:72:client:confirm:awareness",
                "gdpr-processor:48:provider:send:awareness")),
        Arguments.of(new Client(true, null, "none", false), new Case(true, false, false, false),
            List.of("gdpr-authority:72:client:confirm:awareness", "gdpr-processor:24:provider:send:awareness")),
        Arguments.of(new Client(true, 24, "important", false), new Case(false, false, true, false),
            List.of("nis2-early-warning:24:client:confirm:awareness", "nis2-final-report:792:client:confirm:awareness",
                "nis2-notification:72:client:confirm:awareness")),
        Arguments.of(new Client(false, null, "essential", false), new Case(false, false, false, false), List.of()),
        Arguments.of(new Client(false, null, "none", false), new Case(false, false, true, true), List.of()),
        Arguments.of(new Client(false, null, "none", true), new Case(false, false, false, true),
            List.of("dora-final:796:client:confirm:raised", "dora-initial:4:client:confirm:raised",
                "dora-intermediate:76:client:confirm:raised")),
        // one cause, many clients: the provider's own NIS2 duties, once for the set, whatever the clients' regimes
        Arguments.of(new Client(false, null, "none", false), new Case(false, false, true, false, true),
            List.of("provider-nis2-early-warning:24:provider:confirm:awareness", "provider-nis2-final-report:792:provider:confirm:awareness",
                "provider-nis2-notification:72:provider:confirm:awareness")),
        Arguments.of(new Client(false, null, "none", false), new Case(false, false, false, false, true), List.of()));
  }

  @ParameterizedTest(name = "{0}, {1} -> {2}")
  @MethodSource("cases")
  void decides(Client client, Case facts, List<String> expected) {
    VariableMap variables = Variables.createVariables().putValue("personalData", client.personalData())
        .putValue("processorDeadlineHours", client.processorHours()).putValue("nis2", client.nis2())
        .putValue("nis2Authority", "INCIBE-CERT").putValue("dora", client.dora())
        .putValue("personalDataAffected", facts.personalDataAffected()).putValue("highRiskToPeople", facts.highRisk())
        .putValue("significantIncident", facts.significant()).putValue("majorIncident", facts.major())
        .putValue("sharedCause", facts.shared());
    DmnDecisionResult result = engine.evaluateDecision(decision, variables);
    List<String> got = result.getResultList().stream()
        .map(r -> r.get("code") + ":" + r.get("deadlineHours") + ":" + r.get("responsible") + ":" + r.get("how") + ":" + r.get("countFrom"))
        .sorted().toList();
    assertThat(got).isEqualTo(expected);
    Map<String, Object> authorities = new TreeMap<>(result.getResultList().stream()
        .collect(Collectors.toMap(r -> (String) r.get("code"), r -> r.get("authority"))));
    authorities.forEach((code, authority) -> assertThat(authority).as(code).isNotNull());
    if (authorities.containsKey("nis2-early-warning")) {
      assertThat(authorities.get("nis2-early-warning")).as("the client's own CSIRT").isEqualTo("INCIBE-CERT");
    }
  }

  @AfterAll
  static void everyRuleIsExercised() throws Exception {
    Set<String> rules = new HashSet<>();
    Dmn.readModelFromFile(new java.io.File(FILE)).getModelElementsByType(Rule.class).forEach(r -> rules.add(r.getId()));
    assertThat(ALL_MATCHED).as("rules exercised by the table").isEqualTo(rules);
  }
}
