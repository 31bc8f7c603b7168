package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.spi.type.DmnTypeDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision table bpmn/severity.dmn, row by row: every rule is exercised, and the proposals never exceed the contract. */
class SeverityDecisionTest {

  private static final String FILE = "bpmn/severity.dmn";
  private static final Set<String> MATCHED = new HashSet<>();
  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(
        event -> event.getMatchingRules().forEach(rule -> MATCHED.add(rule.getId()))));
    engine = configuration.buildEngine();
    try (InputStream in = new FileInputStream(FILE)) {
      decision = engine.parseDecision("severity", in);
    }
  }

  static Stream<Arguments> cases() {
    // tier, impact, users, data loss, contract RTO, contract RPO -> severity, proposed RTO, proposed RPO, rule
    return Stream.of(
        Arguments.of("critical", "major", 50L, false, 4L, 1L, "SEV1", 4L, 1L, "Rule_01"),
        Arguments.of("critical", "total", 180L, true, 12L, 6L, "SEV1", 4L, 1L, "Rule_01"),
        Arguments.of("high", "total", 25L, true, 8L, 4L, "SEV1", 8L, 4L, "Rule_02"),
        Arguments.of("high", "total", 25L, false, 24L, 24L, "SEV1", 8L, 4L, "Rule_02"),
        Arguments.of("basic", "total", 3L, false, 48L, 24L, "SEV2", 24L, 24L, "Rule_03"),
        Arguments.of("standard", "total", 10L, false, 12L, 8L, "SEV2", 12L, 8L, "Rule_03"),
        Arguments.of("high", "major", 5L, false, 8L, 4L, "SEV2", 8L, 4L, "Rule_04"),
        Arguments.of("standard", "major", 30L, false, 24L, 24L, "SEV2", 12L, 24L, "Rule_05"),
        Arguments.of("critical", "partial", 10L, true, 12L, 4L, "SEV2", 8L, 1L, "Rule_06"),
        Arguments.of("critical", "minor", 1L, true, 4L, 1L, "SEV2", 4L, 1L, "Rule_06"),
        Arguments.of("basic", "major", 3L, true, 48L, 24L, "SEV3", 48L, 24L, "Rule_07"),
        Arguments.of("standard", "partial", 5L, true, 24L, 12L, "SEV3", 24L, 12L, "Rule_08"),
        Arguments.of("high", "partial", 5L, false, 8L, 4L, "SEV4", 8L, 4L, "Rule_09"),
        Arguments.of("basic", "minor", 1L, true, 48L, 24L, "SEV4", 48L, 24L, "Rule_10"),
        Arguments.of("critical", "minor", 1L, false, 4L, 1L, "SEV4", 4L, 1L, "Rule_10"));
  }

  @ParameterizedTest(name = "{0} client, {1} impact, {2} users, data loss {3} -> {6}")
  @MethodSource("cases")
  void decides(String tier, String impact, long users, boolean dataLoss, long contractRto, long contractRpo,
      String severity, long rto, long rpo, String rule) {
    MATCHED.clear();
    DmnDecisionResult result = engine.evaluateDecision(decision, Variables.createVariables()
        .putValue("clientTier", tier).putValue("impactLevel", impact).putValue("usersAffected", users)
        .putValue("dataLossSuspected", dataLoss).putValue("contractRtoHours", contractRto).putValue("contractRpoHours", contractRpo));

    assertThat(result.getSingleResult().<String>getEntry("severity")).isEqualTo(severity);
    assertThat(result.getSingleResult().<Long>getEntry("proposedRtoHours")).isEqualTo(rto).isLessThanOrEqualTo(contractRto);
    assertThat(result.getSingleResult().<Long>getEntry("proposedRpoHours")).isEqualTo(rpo).isLessThanOrEqualTo(contractRpo);
    assertThat(MATCHED).as("the first matching rule").containsExactly(rule);
    ALL_MATCHED.add(rule);
  }

  private static final Set<String> ALL_MATCHED = new HashSet<>();

  @AfterAll
  static void everyRuleIsExercised() throws Exception {
    Set<String> rules = new HashSet<>();
    Dmn.readModelFromFile(new java.io.File(FILE)).getModelElementsByType(Rule.class).forEach(r -> rules.add(r.getId()));
    assertThat(ALL_MATCHED).as("rules exercised by the table").isEqualTo(rules);
  }
}
