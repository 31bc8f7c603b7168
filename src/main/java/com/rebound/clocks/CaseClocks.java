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
 * (never hard-coded in the model): the response deadline counts the contracted response time from
 * when the case opened, in the client's business hours where its contract says so.
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
    String clientId = (String) execution.getVariable(ProcedureVariables.CLIENT_ID);
    ClientFacts client = clients.activeClient(clientId).orElse(null);
    Object minutes = execution.getVariable(ProcedureVariables.RESPONSE_TIME_MINUTES);
    Duration response = Duration.ofMinutes(minutes instanceof Number n ? n.longValue() : 60);
    Object opened = execution.getVariable(ProcedureVariables.OPENED_AT);
    Instant from = opened instanceof Date d ? d.toInstant() : ClockUtil.getCurrentTime().toInstant();
    if (client != null && client.businessHours() != null && Boolean.TRUE.equals(client.businessHours().onlyDuringBusinessHours())) {
      var hours = client.businessHours();
      return Date.from(new BusinessCalendar(hours.days(), hours.start(), hours.end(), hours.timeZone()).plus(from, response));
    }
    return Date.from(from.plus(response));
  }

  /** How often the client is reminded while the acceptance test waits (an ISO 8601 repetition, R/P1D by default). */
  public String acceptanceReminderCycle() {
    return acceptanceReminderCycle;
  }
}
