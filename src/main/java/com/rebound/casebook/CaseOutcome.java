package com.rebound.casebook;

/**
 * The one rule of how a case ended: {@code cancelled} (ended by an administrator), {@code dismissed} (the assessment found
 * a false alarm, no disaster or a duplicate), {@code restored} (the client accepted
 * after a restoration), {@code recovered} (accepted), {@code unrecoverable} (no viable recovery) or {@code notRecovered}.
 */
final class CaseOutcome {

  private CaseOutcome() {
  }

  static String of(boolean cancelled, boolean dismissed, boolean accepted, boolean restored, String approach) {
    if (cancelled) {
      return "cancelled";
    }
    if (dismissed) {
      return "dismissed";
    }
    if (accepted) {
      return restored ? "restored" : "recovered";
    }
    return "unrecoverable".equals(approach) ? "unrecoverable" : "notRecovered";
  }
}
