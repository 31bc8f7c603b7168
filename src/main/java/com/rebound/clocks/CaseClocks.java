package com.rebound.clocks;

import com.rebound.settings.ReboundSettings;
import org.springframework.beans.factory.annotation.Autowired;
import com.rebound.clients.Client;
import com.rebound.clients.ClientDirectory;
import com.rebound.clients.ClientDirectory.ClientFacts;
import com.rebound.clients.PublicHolidays;
import com.rebound.procedure.ProcedureVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * {@code ${caseClocks...}}: the moments the procedure's timers wait for, from the client's contract
 * and the agreed objectives (never hard-coded in the model), in the client's business hours where
 * its contract says so: the response deadline (contracted response time from the case's opening),
 * the RTO warning (75% of the agreed RTO from the agreement) and the RTO breach (100%).
 */
@Component("caseClocks")
public class CaseClocks {

  private final ClientDirectory clients;
  private final String acceptanceReminderCycle;

  @Autowired
  public CaseClocks(ClientDirectory clients, ReboundSettings settings) {
    this(clients, settings.clocks().acceptanceReminderCycle());
  }

  /** The clocks with a reminder cycle given (process tests without Spring). */
  public CaseClocks(ClientDirectory clients, String acceptanceReminderCycle) {
    this.clients = clients;
    this.acceptanceReminderCycle = acceptanceReminderCycle;
  }

  /** When the assessment is late: the case's opening plus the client's contracted response time. */
  public Date responseDeadline(DelegateExecution execution) {
    Object minutes = execution.getVariable(ProcedureVariables.RESPONSE_TIME_MINUTES);
    Duration response = Duration.ofMinutes(minutes instanceof Number n ? n.longValue() : 60);
    Object opened = execution.getVariable(ProcedureVariables.OPENED_AT);
    Instant from = opened instanceof Date d ? d.toInstant() : ClockUtil.getCurrentTime().toInstant();
    return inBusinessTime(execution, from, response);
  }

  /** When 75% of the agreed RTO has passed since the agreement (models deployed before {@link #rtoShare}). */
  public Date rtoWarning(DelegateExecution execution) {
    return afterAgreement(execution, 0.75);
  }

  /**
   * When a share of the agreed RTO has passed since the agreement: {@code ${caseClocks.rtoShare(execution, 0.75)}}
   * in the model, where a manager changes the share (0.5 warns at half the RTO). Counted like the deadline
   * (business hours where the client's contract says so).
   */
  public Date rtoShare(DelegateExecution execution, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("rtoShare: the share of the RTO must be more than 0 and at most 1, got " + share);
    }
    return afterAgreement(execution, share);
  }

  /**
   * The due date of a step, from the clock that matters for it: the RTO deadline once objectives are
   * agreed, the response deadline before; none once the client accepted the recovery. Tasklist sorts
   * the queues by it ({@code camunda:dueDate="${caseClocks.stepDue(execution)}"} on each step).
   */
  public Date stepDue(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(ProcedureVariables.CLIENT_ACCEPTED))
        || "unrecoverable".equals(execution.getVariable(ProcedureVariables.APPROACH))) {
      return null;
    }
    if (execution.getVariable(ProcedureVariables.AGREED_AT) instanceof Date
        && execution.getVariable(ProcedureVariables.RTO_HOURS) != null) {
      return rtoBreach(execution);
    }
    return responseDeadline(execution);
  }

  /** When the agreed RTO has passed since the agreement. */
  public Date rtoBreach(DelegateExecution execution) {
    return afterAgreement(execution, 1.0);
  }

  /** The RTO clock's warning fired: the case records when. */
  public void recordRtoWarning(DelegateExecution execution) {
    execution.setVariable(ProcedureVariables.RTO_WARNING_AT, ClockUtil.getCurrentTime());
  }

  /** The RTO clock's breach fired: the case records when. */
  public void recordRtoBreach(DelegateExecution execution) {
    execution.setVariable(ProcedureVariables.RTO_BREACHED_AT, ClockUtil.getCurrentTime());
  }

  private Date afterAgreement(DelegateExecution execution, double share) {
    Object hours = execution.getVariable(ProcedureVariables.RTO_HOURS);
    Object agreed = execution.getVariable(ProcedureVariables.AGREED_AT);
    Duration rto = Duration.ofMinutes(Math.round((hours instanceof Number n ? n.doubleValue() : 24) * 60 * share));
    Instant from = agreed instanceof Date d ? d.toInstant() : ClockUtil.getCurrentTime().toInstant();
    return inBusinessTime(execution, from, rto);
  }

  /** When an RTO agreed at a moment ends for a client: the same rule as the timers. */
  public Instant rtoDeadline(String clientId, Instant agreedAt, long rtoHours) {
    return inBusinessTime(clientId, agreedAt, Duration.ofHours(rtoHours)).toInstant();
  }

  /**
   * Where a case stands against its agreed RTO, for everything that shows it (the API, the console, the report, the
   * mails): the deadline the timers were given (kept on the case; computed again by the timers' rule when missing), the
   * time used counted the same way (business hours where the contract says so), and the status by {@link RtoRule}.
   * {@code recoveredAt} is when the client accepted the recovery (null while it has not).
   */
  public RtoStatus rto(String clientId, Integer rtoHours, Instant agreedAt, Instant deadline, Instant recoveredAt, boolean closed,
      boolean unrecoverable, Instant now) {
    if (rtoHours == null || agreedAt == null) {
      return new RtoStatus("notAgreed", null, null, null, false, null, null, null, null);
    }
    boolean businessHours = countsBusinessHours(clientId);
    Instant due = deadline != null ? deadline : rtoDeadline(clientId, agreedAt, rtoHours);
    Instant end = recoveredAt != null ? recoveredAt : now;
    Duration used = rtoUsed(clientId, agreedAt, end);
    String status = RtoRule.status(due, recoveredAt, closed, unrecoverable, now);
    Duration left = "running".equals(status) ? Duration.between(now, due) : null;
    Duration late = "breached".equals(status) ? Duration.between(due, end) : null;
    return new RtoStatus(status, rtoHours.longValue(), agreedAt, due, businessHours, used, left, late, recoveredAt);
  }

  /**
   * A case against its RTO ({@link #rto}): durations in wall-clock time except {@code used}, which
   * counts like the deadline; {@code left} while running, {@code breachedBy} once breached.
   */
  public record RtoStatus(String status, Long agreedHours, Instant agreedAt, Instant deadline, boolean businessHours,
      Duration used, Duration left, Duration breachedBy, Instant recoveredAt) {
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  /** The RTO time used between the agreement and {@code end}, counted like the deadline (business hours and holidays). */
  public Duration rtoUsed(String clientId, Instant agreedAt, Instant end) {
    return countedHours(clientId).map(hours -> BusinessCalendar.of(hours).between(agreedAt, end))
        .orElseGet(() -> positive(Duration.between(agreedAt, end)));
  }

  /**
   * How a client's clocks count, for the words that say so (a mail, the report, the case page): its business days
   * (MON,TUE,...), opening and closing times, time zone and the public holidays skipped (null: none); null when its
   * clocks run on the wall clock.
   */
  public Counting counting(String clientId) {
    return countedHours(clientId).map(hours -> new Counting(hours.days(), hours.start(), hours.end(), hours.timeZone(),
        PublicHolidays.of(hours.publicHolidays()).orElse(null))).orElse(null);
  }

  /** See {@link #counting}. */
  public record Counting(String days, String opens, String closes, String zone, PublicHolidays holidays) {
  }

  /** True when the client's contract counts its clocks in business hours only. */
  public boolean countsBusinessHours(String clientId) {
    return countedHours(clientId).isPresent();
  }

  /** The client's business hours when its contract counts its clocks in them; empty when they run on the wall clock. */
  private Optional<Client.BusinessHours> countedHours(String clientId) {
    return clients.activeClient(clientId).map(ClientFacts::businessHours)
        .filter(hours -> Boolean.TRUE.equals(hours.onlyDuringBusinessHours()));
  }

  private Date inBusinessTime(DelegateExecution execution, Instant from, Duration amount) {
    return inBusinessTime((String) execution.getVariable(ProcedureVariables.CLIENT_ID), from, amount);
  }

  private Date inBusinessTime(String clientId, Instant from, Duration amount) {
    return Date.from(countedHours(clientId).map(hours -> BusinessCalendar.of(hours).plus(from, amount))
        .orElseGet(() -> from.plus(amount)));
  }

  /** How often the client is reminded while the acceptance test waits (an ISO 8601 repetition, R/P1D by default). */
  public String acceptanceReminderCycle() {
    return acceptanceReminderCycle;
  }
}
