package com.rebound.casebook;

import com.rebound.casebook.CaseSummaries.Days;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cases opened before the case summary existed (Flyway V8 gave them their client, severity and closing from
 * history) get the dashboard's day, week and month of their opening and closing once, at start-up; writing the
 * same values twice is harmless, so nodes starting together need no lock.
 */
@Component
class SummaryBackfill {

  private final JdbcTemplate jdbc;

  SummaryBackfill(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  void fillMissingDays() {
    List<Object[]> missing = jdbc.query("SELECT process_instance_id, opened_at, closed_at FROM rebound_case WHERE opened_day IS NULL "
        + "OR (closed_at IS NOT NULL AND closed_day IS NULL)", (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2),
            rs.getTimestamp(3)});
    for (Object[] row : missing) {
      Days opened = Days.of(((Timestamp) row[1]).toInstant());
      Days closed = row[2] == null ? new Days(null, null, null) : Days.of(((Timestamp) row[2]).toInstant());
      jdbc.update("UPDATE rebound_case SET opened_day = ?, opened_week = ?, opened_month = ?, closed_day = ?, closed_week = ?, "
          + "closed_month = ? WHERE process_instance_id = ?", opened.day(), opened.week(), opened.month(), closed.day(), closed.week(),
          closed.month(), row[0]);
    }
  }
}
