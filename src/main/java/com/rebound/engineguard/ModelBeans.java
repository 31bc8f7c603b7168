package com.rebound.engineguard;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The beans a model may name, and the only methods it may call on them: the one allowlist, read by the
 * deployment check ({@link ModelGuard}, a friendly early 400) and by the engine's expression sandbox
 * ({@link ExpressionSandbox}, at every evaluation). The engine sees no other bean of the application.
 * Documented for managers in docs/security.md ("What a model may contain").
 */
public final class ModelBeans {

  /** Beans with methods a model may call, and those methods ({@code execution} and {@code task} are the engine's). */
  public static final Map<String, Set<String>> METHODS = Map.of(
      "execution", Set.of("getVariable", "getVariableLocal", "hasVariable"),
      "task", Set.of("getVariable", "getVariableLocal", "hasVariable"),
      "caseClocks", Set.of("responseDeadline", "rtoWarning", "rtoShare", "rtoBreach", "stepDue", "recordRtoWarning",
          "recordRtoBreach", "acceptanceReminderCycle"),
      "prevention", Set.of("codes", "advice"),
      "actionItemClock", Set.of("at"),
      "legalClock", Set.of("share"),
      "actionItemOwner", Set.of("followUp"),
      "preventionHistory", Set.of("of"));

  /** Delegates and listeners a model names whole ({@code camunda:delegateExpression="${notifyCaseOpened}"}). */
  public static final Set<String> DELEGATES = Set.of("notifyCaseOpened", "notifyObjectivesAgreed", "notifyRtoWarning",
      "notifyRtoBreach", "notifyCaseClosed", "notifyCaseDismissed", "openClientRound", "closeClientRound", "countAcceptanceRound", "remindClientByMail",
      "findSimilarCases", "keepLesson", "checkActionItems", "trackActionItems", "actionItemMail", "closeActionItem",
      "followUpPrevention", "notifyRestorePointCheck",
      "notifyRestorePointAge", "closeLegalObligation", "sendLegalNotice", "legalReminder");

  /** Names the engine itself gives an expression, not beans of the application. */
  static final Set<String> ENGINE_NAMES = Set.of("execution", "task");

  private ModelBeans() {
  }

  /** Every application bean the engine may see. */
  public static Set<String> beanNames() {
    Set<String> names = new TreeSet<>(DELEGATES);
    METHODS.keySet().stream().filter(name -> !ENGINE_NAMES.contains(name)).forEach(names::add);
    return names;
  }
}
