package com.rebound.clocks;

import java.time.Instant;
import java.util.List;

/**
 * The one rule of where a case stands against its agreed RTO, in Java ({@link #status}) and in SQL ({@link #sql}) for the
 * console's filters; a test checks that both say the same for every kind of case. {@code notAgreed} (no deadline),
 * {@code running} (not recovered, deadline ahead), {@code met}, {@code breached} (recovered late, or not recovered and the
 * deadline passed) or {@code notRecovered} (closed without the client's acceptance, or no viable recovery).
 */
public final class RtoRule {

  /** Every status, in the order the console offers them. */
  public static final List<String> STATUSES = List.of("running", "breached", "met", "notRecovered", "notAgreed");

  private RtoRule() {
  }

  /** The status of a case: its deadline (null before objectives), when the client accepted (null before), closed, unrecoverable. */
  public static String status(Instant deadline, Instant recoveredAt, boolean closed, boolean unrecoverable, Instant now) {
    if (deadline == null) {
      return "notAgreed";
    }
    if (recoveredAt != null) {
      return recoveredAt.isAfter(deadline) ? "breached" : "met";
    }
    if (closed || unrecoverable) {
      return "notRecovered";
    }
    return now.isAfter(deadline) ? "breached" : "running";
  }

  /**
   * The same rule as an SQL condition on {@code rebound_case} (columns rto_deadline, recovered_at, state, approach);
   * running and breached take now as their one parameter ({@link #sqlTakesNow}).
   */
  public static String sql(String status) {
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

  /** True when {@link #sql} of the status takes now as a parameter. */
  public static boolean sqlTakesNow(String status) {
    return "running".equals(status) || "breached".equals(status);
  }
}
