package com.rebound.legal;

import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The case's legal facts: personal data affected, high risk to people, a significant (NIS2) or major (DORA) incident. */
public record Facts(boolean personalDataAffected, boolean highRiskToPeople, boolean significantIncident, boolean majorIncident) {

  static final Facts NONE = new Facts(false, false, false, false);

  /** Read from a step's or a case's variables: each raised when true. */
  public static Facts of(Function<String, Object> variables) {
    return new Facts(raised(variables.apply(ProcedureVariables.PERSONAL_DATA_AFFECTED)),
        raised(variables.apply(ProcedureVariables.HIGH_RISK_TO_PEOPLE)), raised(variables.apply(ProcedureVariables.SIGNIFICANT_INCIDENT)),
        raised(variables.apply(ProcedureVariables.MAJOR_INCIDENT)));
  }

  private static boolean raised(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  /** Each fact by its variable's name. */
  java.util.Map<String, Boolean> byName() {
    return java.util.Map.of(ProcedureVariables.PERSONAL_DATA_AFFECTED, personalDataAffected, ProcedureVariables.HIGH_RISK_TO_PEOPLE,
        highRiskToPeople, ProcedureVariables.SIGNIFICANT_INCIDENT, significantIncident, ProcedureVariables.MAJOR_INCIDENT, majorIncident);
  }

  public boolean any() {
    return personalDataAffected || highRiskToPeople || significantIncident || majorIncident;
  }

  /** A fact once raised stays raised. High risk to people is a risk of a personal-data breach: it raises personal data too. */
  Facts and(Facts more) {
    return new Facts(personalDataAffected || more.personalDataAffected || more.highRiskToPeople,
        highRiskToPeople || more.highRiskToPeople, significantIncident || more.significantIncident, majorIncident || more.majorIncident);
  }

  /** The facts raised here that are not raised in {@code before}, as people read them. */
  String newSince(Facts before) {
    List<String> names = new ArrayList<>();
    if (personalDataAffected && !before.personalDataAffected) {
      names.add("personal data affected");
    }
    if (highRiskToPeople && !before.highRiskToPeople) {
      names.add("high risk to people");
    }
    if (significantIncident && !before.significantIncident) {
      names.add("significant incident (NIS2)");
    }
    if (majorIncident && !before.majorIncident) {
      names.add("major ICT incident (DORA)");
    }
    return String.join(", ", names);
  }
}
