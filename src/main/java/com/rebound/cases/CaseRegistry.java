package com.rebound.cases;

import java.util.Date;

/** Rebound's own record of each case (table {@code rebound_case}): the row {@link CaseGuard} locks. */
@FunctionalInterface
public interface CaseRegistry {

  /** Records a new case; called in the transaction that starts it, so a rolled-back start leaves nothing. */
  void opened(String processInstanceId, String caseNumber, Date openedAt);
}
