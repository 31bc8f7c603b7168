package com.rebound.alerts;

import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Which alerts open a case: the decision table {@code bpmn/alert-triage.dmn} (decision {@code alertTriage}), which
 * managers change in Modeler. Inputs: the alert's severity and name, the client's tier and the monitor (source);
 * output {@code action}: open (a case when no open case has the alert), attach (only to an open case), ignore.
 */
@Component
class AlertTriage {

  static final String DECISION = "alertTriage";

  enum Action { open, attach, ignore }

  record Decision(Action action, String reason) {
  }

  private final DecisionService decisions;

  AlertTriage(DecisionService decisions) {
    this.decisions = decisions;
  }

  Decision decide(ReceivedAlert alert, String clientTier) {
    Map<String, Object> inputs = Variables.createVariables()
        .putValue("alertSeverity", alert.severity() == null ? "" : alert.severity().toLowerCase(Locale.ROOT))
        .putValue("alertName", alert.name() == null ? "" : alert.name())
        .putValue("clientTier", clientTier == null ? "" : clientTier)
        .putValue("alertSource", alert.source() == null ? "" : alert.source());
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION).variables(inputs).evaluate().getFirstResult();
    if (result == null || result.getEntry("action") == null) {
      // no rule matched: a disaster reported by a machine is not dropped
      return new Decision(Action.open, "alert-triage.dmn: no rule matched, so open");
    }
    String action = String.valueOf((Object) result.getEntry("action"));
    try {
      return new Decision(Action.valueOf(action), "alert-triage.dmn: " + action
          + (result.getEntry("why") == null ? "" : " (" + result.getEntry("why") + ")"));
    } catch (IllegalArgumentException unknown) {
      return new Decision(Action.open, "alert-triage.dmn answered '" + action + "', not open, attach or ignore: so open");
    }
  }
}
