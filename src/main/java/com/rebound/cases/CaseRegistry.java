package com.rebound.cases;

import java.util.Date;

/** Rebound's own record of each case (table {@code rebound_case}): the row {@link CaseGuard} locks. */
@FunctionalInterface
public interface CaseRegistry {

  /** The process whose instances are cases (the procedure's key); other processes (an action item's) are no case. */
  String PROCESS_KEY = "disasterRecovery";

  /**
   * Records a new case; called in the transaction that starts it, so a rolled-back start leaves nothing.
   * The case number is unique (a constraint of the table): a number already taken throws
   * {@link CaseNumberTaken}. A given number {@code DR-<year>-<n>} ahead of that year's counter moves the
   * counter past it, so a generated number never collides with it.
   */
  void opened(String processInstanceId, String caseNumber, Date openedAt);

  /** The case number belongs to another case already. */
  class CaseNumberTaken extends RuntimeException {
    public CaseNumberTaken(String caseNumber) {
      super("case number " + caseNumber + " is already taken by another case: give another one, or none to get the next free one");
    }
  }
}
