package com.rebound.cases;

import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case numbers from one counter row per year in table {@code rebound_case_number}, and the record of
 * each case in {@code rebound_case}. The increment
 * runs in the transaction that starts the case and locks the year's row until it commits, so
 * concurrent starts get consecutive numbers and a failed start leaves no gap.
 */
@Component
class JdbcCaseNumbers implements CaseNumbers, CaseRegistry {

  /** Rebound's own format, DR-<year>-<number>: a given number in it moves that year's counter. */
  private static final java.util.regex.Pattern OUR_FORMAT = java.util.regex.Pattern.compile("DR-(\\d{4})-(\\d{1,15})");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separateTransaction;

  JdbcCaseNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.separateTransaction = new TransactionTemplate(transactionManager);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * This year's and next year's counters, made at start: a case start then needs no second connection (a storm of
   * case starts, each holding one connection and waiting for another, would empty the pool).
   */
  @EventListener(ApplicationStartedEvent.class)
  void countersOfThisYearAndNext() {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).getYear();
    ensureCounter(year);
    ensureCounter(year + 1);
  }

  @Override
  public String next() {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).getYear();
    if (jdbc.update("UPDATE rebound_case_number SET last_number = last_number + 1 WHERE case_year = ?", year) == 0) {
      // a year no start made (a node running across two new years, a clock set in tests)
      ensureCounter(year);
      jdbc.update("UPDATE rebound_case_number SET last_number = last_number + 1 WHERE case_year = ?", year);
    }
    Long number = jdbc.queryForObject(
        "SELECT last_number FROM rebound_case_number WHERE case_year = ?", Long.class, year);
    return CaseNumbers.format(year, number);
  }

  @Override
  public void opened(String processInstanceId, String caseNumber, java.util.Date openedAt) {
    java.util.regex.Matcher ours = OUR_FORMAT.matcher(caseNumber);
    if (ours.matches()) {
      int year = Integer.parseInt(ours.group(1));
      long number = Long.parseLong(ours.group(2));
      ensureCounter(year);
      jdbc.update("UPDATE rebound_case_number SET last_number = ? WHERE case_year = ? AND last_number < ?", number, year, number);
    }
    try {
      jdbc.update("INSERT INTO rebound_case (process_instance_id, case_number, opened_at) VALUES (?, ?, ?)",
          processInstanceId, caseNumber, new java.sql.Timestamp(openedAt.getTime()));
    } catch (DuplicateKeyException taken) {
      throw new CaseNumberTaken(caseNumber);
    }
  }

  /** The first case of a year creates the year's counter, committed on its own so that it is never rolled back. */
  private void ensureCounter(int year) {
    Integer rows = jdbc.queryForObject(
        "SELECT COUNT(*) FROM rebound_case_number WHERE case_year = ?", Integer.class, year);
    if (rows != null && rows > 0) {
      return;
    }
    separateTransaction.executeWithoutResult(status -> {
      try {
        jdbc.update("INSERT INTO rebound_case_number (case_year, last_number) VALUES (?, 0)", year);
      } catch (DuplicateKeyException createdByAConcurrentStart) {
        status.setRollbackOnly();
      }
    });
  }
}
