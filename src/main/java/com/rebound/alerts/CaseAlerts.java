package com.rebound.alerts;

import java.util.List;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The monitoring alerts attached to a case, for its page and its report: first and last seen, how many times, firing or back. */
@Component
public class CaseAlerts {

  private final AlertLedger ledger;

  CaseAlerts(AlertLedger ledger) {
    this.ledger = ledger;
  }

  /** An alert attached to a case: what it said, from which integration, first and last seen, how many times, firing or back. */
  public record Alert(String key, String name, String summary, String severity, String integration, String source, String link,
      boolean openedTheCase, String status, Instant firstSeen, Instant lastSeen, int timesSeen, Instant resolvedAt) {
  }

  public List<Alert> of(String processInstanceId) {
    return ledger.ofCase(processInstanceId);
  }
}
