package com.rebound.casebook;

import static com.rebound.procedure.ProcedureVariables.*;

import com.rebound.clocks.CaseClocks;
import com.rebound.procedure.ProcedureVariables.Tasks;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each case's row of {@code rebound_case} (the case summary) up to date, in the transaction of the
 * step that changes it: what the case is (client, severity, cause, objectives) and the moments the
 * dashboard counts (assessed, RTO deadline, recovered, closed). One UPDATE of the row each time.
 */
class CaseSummaries {

  private final JdbcTemplate jdbc;
  private final CaseClocks clocks;

  CaseSummaries(JdbcTemplate jdbc, CaseClocks clocks) {
    this.jdbc = jdbc;
    this.clocks = clocks;
  }

  /** A step was created or completed ({@code stepCompleted} is its id when completed, else null). */
  void step(DelegateExecution execution, String stepCompleted) {
    Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    boolean assessed = Tasks.ASSESS_IMPACT.equals(stepCompleted);
    boolean agreed = Tasks.AGREE_OBJECTIVES.equals(stepCompleted);
    boolean recovered = Tasks.CLIENT_ACCEPTANCE.equals(stepCompleted) && Boolean.TRUE.equals(execution.getVariable(CLIENT_ACCEPTED));
    boolean restored = Tasks.REINSTALL_IN_SITU.equals(stepCompleted) || Tasks.RESTORE_TO_VM.equals(stepCompleted);
    Timestamp deadline = null;
    boolean businessHours = false;
    String clientId = text(execution, CLIENT_ID);
    Timestamp agreedAt = time(execution, AGREED_AT);
    if (agreed && execution.getVariable(RTO_HOURS) instanceof Number hours) {
      // agreedAt left empty is "now" (the contract's check fills it in, maybe after this listener)
      agreedAt = agreedAt != null ? agreedAt : now;
      // the one rule of the timers: from the agreement, in the client's business hours where its contract says so
      deadline = Timestamp.from(clocks.rtoDeadline(clientId, agreedAt.toInstant(), hours.longValue()));
      businessHours = clocks.countsBusinessHours(clientId);
    }
    // counted once, when the client accepts: the time the case page, the report and the dashboard show
    Long rtoUsed = recovered && agreedAt != null ? clocks.rtoUsed(clientId, agreedAt.toInstant(), now.toInstant()).toMinutes() : null;
    Instant opened = execution.getVariable(OPENED_AT) instanceof Date d ? d.toInstant() : now.toInstant();
    Instant detected = execution.getVariable(DETECTED_AT) instanceof Date d ? d.toInstant() : opened;
    jdbc.update("UPDATE rebound_case SET client_id = ?, client_name = ?, summary = ?, severity = ?, detected_at = ?, "
        + "probable_cause = ?, approach = ?, agreed_at = ?, rto_hours = ?, rpo_hours = ?, rto_warning_at = ?, rto_breached_at = ?, "
        // a later round's verification that leaves the data lost empty keeps the earlier round's answer
        + "acceptance_rounds = ?, data_loss_hours = COALESCE(?, data_loss_hours), prevention_interest = ?, updated_at = ?, "
        + "assessed_at = CASE WHEN ? AND assessed_at IS NULL THEN ? ELSE assessed_at END, "
        + "rto_deadline = CASE WHEN ? THEN ? ELSE rto_deadline END, "
        + "business_hours = CASE WHEN ? THEN ? ELSE business_hours END, "
        + "recovered_at = CASE WHEN ? THEN ? ELSE recovered_at END, "
        + "restored = CASE WHEN ? THEN TRUE ELSE restored END, "
        + "response_minutes = CASE WHEN ? AND response_minutes IS NULL THEN ? ELSE response_minutes END, "
        + "recovery_minutes = CASE WHEN ? THEN ? ELSE recovery_minutes END, "
        + "rto_used_minutes = CASE WHEN ? THEN ? ELSE rto_used_minutes END "
        + "WHERE process_instance_id = ?",
        clientId, text(execution, CLIENT_NAME), clip(text(execution, SUMMARY), 1000), text(execution, SEVERITY),
        time(execution, DETECTED_AT), text(execution, PROBABLE_CAUSE), text(execution, APPROACH), agreedAt,
        whole(execution, RTO_HOURS), whole(execution, RPO_HOURS), time(execution, RTO_WARNING_AT), time(execution, RTO_BREACHED_AT),
        execution.getVariable(ACCEPTANCE_ROUNDS) instanceof Number n ? n.intValue() : 0, whole(execution, DATA_LOSS_HOURS),
        text(execution, CLIENT_INTEREST), now,
        assessed, now, agreed, deadline, agreed, businessHours, recovered, now, restored,
        assessed, minutes(opened, now.toInstant()), recovered, minutes(detected, now.toInstant()),
        rtoUsed != null, rtoUsed,
        execution.getProcessInstanceId());
  }

  /** The case ended: closed, with its outcome (recovered, restored, unrecoverable, notRecovered, or cancelled by an administrator). */
  void closed(DelegateExecution execution) {
    step(execution, null);
    Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    String outcome = jdbc.query("SELECT recovered_at, restored, approach FROM rebound_case WHERE process_instance_id = ?",
        (rs, n) -> CaseOutcome.of(execution.isCanceled(),
            execution.getVariable(ASSESSMENT_OUTCOME) instanceof String found && DISMISSALS.contains(found), rs.getTimestamp(1) != null, rs.getBoolean(2), rs.getString(3)),
        execution.getProcessInstanceId()).stream().findFirst().orElse(null);
    jdbc.update("UPDATE rebound_case SET state = 'closed', closed_at = ?, updated_at = ?, outcome = ? WHERE process_instance_id = ?",
        now, now, outcome, execution.getProcessInstanceId());
    DayTallies.caseClosed(jdbc, execution.getProcessInstanceId());
  }

  private static int minutes(Instant from, Instant to) {
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, java.time.Duration.between(from, to).toMinutes()));
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }

  private static Timestamp time(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof Date date ? Timestamp.from(date.toInstant()) : null;
  }

  private static Integer whole(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof Number n ? (int) Math.min(Integer.MAX_VALUE, n.longValue()) : null;
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
