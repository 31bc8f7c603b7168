package com.rebound.casebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One case as its summary row records it (table {@code rebound_case}). */
record CaseRow(String processInstanceId, String caseNumber, String clientId, String clientName, String summary, String severity,
    String state, Instant openedAt, Instant detectedAt, Instant assessedAt, String probableCause, String approach, Instant agreedAt,
    Integer rtoHours, Integer rpoHours, Instant rtoDeadline, boolean businessHours, Instant rtoWarningAt, Instant rtoBreachedAt,
    Instant recoveredAt, int acceptanceRounds, boolean restored, Integer dataLossHours, String preventionInterest, Instant closedAt,
    String outcome) {

  static final String COLUMNS = "process_instance_id, case_number, client_id, client_name, summary, severity, state, opened_at, "
      + "detected_at, assessed_at, probable_cause, approach, agreed_at, rto_hours, rpo_hours, rto_deadline, business_hours, "
      + "rto_warning_at, rto_breached_at, recovered_at, acceptance_rounds, restored, data_loss_hours, prevention_interest, "
      + "closed_at, outcome";

  static CaseRow read(ResultSet rs, int row) throws SQLException {
    return new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), CaseSummaries.instant(rs.getTimestamp(8)), CaseSummaries.instant(rs.getTimestamp(9)),
        CaseSummaries.instant(rs.getTimestamp(10)), rs.getString(11), rs.getString(12), CaseSummaries.instant(rs.getTimestamp(13)),
        (Integer) rs.getObject(14, Integer.class), (Integer) rs.getObject(15, Integer.class), CaseSummaries.instant(rs.getTimestamp(16)),
        rs.getBoolean(17), CaseSummaries.instant(rs.getTimestamp(18)), CaseSummaries.instant(rs.getTimestamp(19)),
        CaseSummaries.instant(rs.getTimestamp(20)), rs.getInt(21), rs.getBoolean(22), (Integer) rs.getObject(23, Integer.class),
        rs.getString(24), CaseSummaries.instant(rs.getTimestamp(25)), rs.getString(26));
  }

  boolean open() {
    return "open".equals(state);
  }

  /**
   * Where the case stands against its agreed RTO, by the rule of {@code clocks.CaseClocks#rto} (the timers, the
   * report, the API): notAgreed, running, met, breached (recovered late, or not recovered and the deadline passed),
   * notRecovered (closed without the client's acceptance, or no viable recovery). {@link #rtoSql} is the same rule.
   */
  String rtoStatus(Instant now) {
    if (rtoDeadline == null) {
      return "notAgreed";
    }
    if (recoveredAt != null) {
      return recoveredAt.isAfter(rtoDeadline) ? "breached" : "met";
    }
    if (!open() || "unrecoverable".equals(approach)) {
      return "notRecovered";
    }
    return now.isAfter(rtoDeadline) ? "breached" : "running";
  }

  /** The SQL condition of each RTO status, the same rule as {@link #rtoStatus}; running and breached take now as their one parameter. */
  static String rtoSql(String status) {
    String notRecoveredYet = "recovered_at IS NULL AND state = 'open' AND (approach IS NULL OR approach <> 'unrecoverable')";
    return switch (status) {
      case "notAgreed" -> "rto_deadline IS NULL";
      case "met" -> "rto_deadline IS NOT NULL AND recovered_at IS NOT NULL AND recovered_at <= rto_deadline";
      case "breached" -> "rto_deadline IS NOT NULL AND ((recovered_at IS NOT NULL AND recovered_at > rto_deadline) OR ("
          + notRecoveredYet + " AND rto_deadline < ?))";
      case "running" -> "rto_deadline IS NOT NULL AND " + notRecoveredYet + " AND rto_deadline >= ?";
      case "notRecovered" -> "rto_deadline IS NOT NULL AND recovered_at IS NULL AND (state = 'closed' OR approach = 'unrecoverable')";
      default -> throw new IllegalArgumentException(status);
    };
  }

  static boolean rtoSqlTakesNow(String status) {
    return "running".equals(status) || "breached".equals(status);
  }

  /** met / exceeded / unknown: the data lost against the agreed RPO. */
  String rpoStatus() {
    return rpoHours == null || dataLossHours == null ? "unknown" : dataLossHours <= rpoHours ? "met" : "exceeded";
  }
}
