package com.rebound.clocks;

import com.rebound.clients.ClientDirectory;
import com.rebound.clients.ClientDirectory.ClientFacts;
import com.rebound.procedure.ProcedureVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
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

  public CaseClocks(ClientDirectory clients, @Value("${rebound.clocks.acceptance-reminder-cycle:R/P1D}") String acceptanceReminderCycle) {
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

  /** When 75% of the agreed RTO has passed since the agreement. */
  public Date rtoWarning(DelegateExecution execution) {
    return afterAgreement(execution, 0.75);
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

  /** When an RTO agreed at a moment ends for a client (reports: the same rule as the timers). */
  public Instant rtoDeadline(String clientId, Instant agreedAt, long rtoHours) {
    return inBusinessTime(clientId, agreedAt, Duration.ofHours(rtoHours)).toInstant();
  }

  /** True when the client's contract counts its clocks in business hours only. */
  public boolean countsBusinessHours(String clientId) {
    ClientFacts client = clients.activeClient(clientId).orElse(null);
    return client != null && client.businessHours() != null && Boolean.TRUE.equals(client.businessHours().onlyDuringBusinessHours());
  }

  private Date inBusinessTime(DelegateExecution execution, Instant from, Duration amount) {
    return inBusinessTime((String) execution.getVariable(ProcedureVariables.CLIENT_ID), from, amount);
  }

  private Date inBusinessTime(String clientId, Instant from, Duration amount) {
    ClientFacts client = clients.activeClient(clientId).orElse(null);
    if (client != null && client.businessHours() != null && Boolean.TRUE.equals(client.businessHours().onlyDuringBusinessHours())) {
      var hours = client.businessHours();
      return Date.from(new BusinessCalendar(hours.days(), hours.start(), hours.end(), hours.timeZone()).plus(from, amount));
    }
    return Date.from(from.plus(amount));
  }

  /** How often the client is reminded while the acceptance test waits (an ISO 8601 repetition, R/P1D by default). */
  public String acceptanceReminderCycle() {
    return acceptanceReminderCycle;
  }
}
