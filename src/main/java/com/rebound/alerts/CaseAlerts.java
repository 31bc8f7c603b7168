package com.rebound.alerts;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The monitoring alerts attached to a case, for its page and its report: first and last seen, how many times, firing or back. */
@Component
public class CaseAlerts {

  private final AlertLedger ledger;

  CaseAlerts(AlertLedger ledger) {
    this.ledger = ledger;
  }

  public List<Map<String, Object>> of(String processInstanceId) {
    return ledger.ofCase(processInstanceId);
  }
}
