package com.rebound.casebook;

import com.rebound.clocks.RtoRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One case as its summary row records it (table {@code rebound_case}). */
record CaseRow(String processInstanceId, String caseNumber, String clientId, String clientName, String summary, String severity,
    String state, Instant openedAt, Instant detectedAt, Instant assessedAt, String probableCause, String approach, Instant agreedAt,
    Integer rtoHours, Integer rpoHours, Instant rtoDeadline, boolean businessHours, Instant rtoWarningAt, Instant rtoBreachedAt,
    Instant recoveredAt, int acceptanceRounds, boolean restored, Integer dataLossHours, String preventionInterest, Instant closedAt,
    String outcome, Integer rtoUsedMinutes) {

  static final String COLUMNS = "process_instance_id, case_number, client_id, client_name, summary, severity, state, opened_at, "
      + "detected_at, assessed_at, probable_cause, approach, agreed_at, rto_hours, rpo_hours, rto_deadline, business_hours, "
      + "rto_warning_at, rto_breached_at, recovered_at, acceptance_rounds, restored, data_loss_hours, prevention_interest, "
      + "closed_at, outcome, rto_used_minutes";

  static CaseRow read(ResultSet rs, int row) throws SQLException {
    return new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), CaseSummaries.instant(rs.getTimestamp(8)), CaseSummaries.instant(rs.getTimestamp(9)),
        CaseSummaries.instant(rs.getTimestamp(10)), rs.getString(11), rs.getString(12), CaseSummaries.instant(rs.getTimestamp(13)),
        (Integer) rs.getObject(14, Integer.class), (Integer) rs.getObject(15, Integer.class), CaseSummaries.instant(rs.getTimestamp(16)),
        rs.getBoolean(17), CaseSummaries.instant(rs.getTimestamp(18)), CaseSummaries.instant(rs.getTimestamp(19)),
        CaseSummaries.instant(rs.getTimestamp(20)), rs.getInt(21), rs.getBoolean(22), (Integer) rs.getObject(23, Integer.class),
        rs.getString(24), CaseSummaries.instant(rs.getTimestamp(25)), rs.getString(26), (Integer) rs.getObject(27, Integer.class));
  }

  boolean open() {
    return "open".equals(state);
  }

  /** Where the case stands against its agreed RTO, by the one rule ({@link RtoRule#status}). */
  String rtoStatus(Instant now) {
    return RtoRule.status(rtoDeadline, recoveredAt, !open(), "unrecoverable".equals(approach), now);
  }

  /** met / exceeded / unknown: the data lost against the agreed RPO. */
  String rpoStatus() {
    return rpoHours == null || dataLossHours == null ? "unknown" : dataLossHours <= rpoHours ? "met" : "exceeded";
  }
}
