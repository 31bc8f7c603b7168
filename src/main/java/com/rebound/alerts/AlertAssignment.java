package com.rebound.alerts;

import static com.rebound.procedure.ProcedureVariables.PROCESS_KEY;

import com.rebound.clients.ClientDirectory;
import com.rebound.security.CurrentUser;
import com.rebound.web.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A manager places an alert Rebound could not (unmatched: its label named no known client; held: the triage table keeps
 * it, or it came resolved): it joins the client's open case of the same outage, else it opens one, as if the monitor had
 * named the client. Under the outage's lock, like an alert arriving ({@link AlertIntake}); a case it opens is a monitor's
 * case (the client hears of it once a technician confirms a disaster). Two managers placing the same alert at once: one
 * wins, the other is told and nothing of theirs is kept.
 */
@Service
class AlertAssignment {

  /** What was done with the alert. */
  record Placed(long alertId, String clientId, String decision, String caseNumber) {
  }

  private static final Set<String> PLACEABLE = Set.of("unmatched", "held");

  private final AlertLedger ledger;
  private final AlertIntake intake;
  private final Integrations integrations;
  private final ClientDirectory clients;
  private final OutageLocks outages;
  private final RuntimeService runtime;
  private final CurrentUser currentUser;
  private final TransactionTemplate transaction;
  private final Clock clock;

  AlertAssignment(AlertLedger ledger, AlertIntake intake, Integrations integrations, ClientDirectory clients,
      OutageLocks outages, RuntimeService runtime, CurrentUser currentUser, PlatformTransactionManager transactions, Clock clock) {
    this.ledger = ledger;
    this.intake = intake;
    this.integrations = integrations;
    this.clients = clients;
    this.outages = outages;
    this.runtime = runtime;
    this.currentUser = currentUser;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  Placed assign(long alertId, String clientId, String by) {
    AlertLedger.Stored stored = ledger.stored(alertId).orElseThrow(() -> ApiProblem.notFound("No alert " + alertId + "."));
    if (!PLACEABLE.contains(stored.decision())) {
      throw ApiProblem.conflict("Alert " + alertId + " was " + stored.decision() + " when it came; only unmatched and held alerts "
          + "are placed by hand. Nothing changed.");
    }
    if (clientId == null || clientId.isBlank()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("clientId", "is required")));
    }
    if (clients.activeClient(clientId).isEmpty()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("clientId", "no active client '" + clientId + "'")));
    }
    Integration integration = integrations.find(stored.integrationId())
        .orElseThrow(() -> new IllegalStateException("alert " + alertId + " names no integration"));
    if (!integration.mayReportFor(clientId)) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("clientId", "integration '" + integration.name()
          + "' reports only for " + String.join(", ", integration.clients()) + "; its alerts cannot join another client's case")));
    }
    ReceivedAlert alert = stored.alert();
    Instant now = clock.instant();
    String outage = OutageLocks.key(clientId, AlertIntake.outageOf(stored.groupHash(), alert.key()));
    outages.create(outage, clientId, now);
    return transaction.execute(status -> {
      outages.lock(outage);
      AlertLedger.Attached open = intake.openCase(clientId, alert.key(), stored.groupHash());
      String decision;
      String caseNumber;
      String processInstanceId;
      if (open != null) {
        ledger.attach(open.processInstanceId(), open.caseNumber(), clientId, integration, alert, stored.groupHash(), false, now);
        decision = "attached";
        caseNumber = open.caseNumber();
        processInstanceId = open.processInstanceId();
      } else {
        // the monitor's case, as the alert would have opened it: Rebound's own variables (openedByMonitor), not the manager's
        ProcessInstance started = currentUser.asRebound(() -> runtime.startProcessInstanceByKey(PROCESS_KEY,
            intake.caseVariables(integration, alert, clientId, now)));
        ledger.attach(started.getId(), started.getBusinessKey(), clientId, integration, alert, stored.groupHash(), true, now);
        decision = "opened";
        caseNumber = started.getBusinessKey();
        processInstanceId = started.getId();
      }
      String reason = "placed with client " + clientId + " by " + by + " (was " + stored.decision() + ")"
          + ("attached".equals(decision) ? "; joins the client's open case of the same outage" : "");
      if (!ledger.decided(alertId, clientId, decision, reason, caseNumber, processInstanceId)) {
        throw ApiProblem.conflict("Alert " + alertId + " was placed by someone else a moment ago. Nothing changed.");
      }
      return new Placed(alertId, clientId, decision, caseNumber);
    });
  }
}
