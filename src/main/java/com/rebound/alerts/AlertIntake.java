package com.rebound.alerts;

import static com.rebound.procedure.ProcedureVariables.OPENED_BY_MONITOR;
import static com.rebound.procedure.ProcedureVariables.AFFECTED_SYSTEMS;
import static com.rebound.procedure.ProcedureVariables.CLIENT_ID;
import static com.rebound.procedure.ProcedureVariables.DETECTED_AT;
import static com.rebound.procedure.ProcedureVariables.PROCESS_KEY;
import static com.rebound.procedure.ProcedureVariables.REPORTED_BY;
import static com.rebound.procedure.ProcedureVariables.SUMMARY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.clients.ClientDirectory;
import com.rebound.notify.CaseHolders;
import com.rebound.notify.MessageKind;
import com.rebound.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an alert does, in one transaction with the alerts of the same outage next to it in the request (an Alertmanager
 * notification: its group). An alert whose key (or Alertmanager group) an open case of
 * its client has joins that case, whatever the triage table says of new alerts. Otherwise the alert holds its outage's
 * lock ({@link OutageLocks}: its client and Alertmanager group, else its key), so the alerts of one outage are handled one
 * at a time on every node (of a storm of alerts for one outage exactly one opens a case, and the others find it), and
 * a firing one goes through {@link AlertTriage}: open a case,
 * attach only (kept as held), or ignore. A resolved alert is noted on its case and tells whoever holds the case; it
 * never closes it. Every alert is recorded with what was done ({@link AlertLedger}), including those naming no known
 * client (unmatched).
 */
@Service
class AlertIntake {

  /** What happened to the alerts of one request. */
  record Outcome(int received, List<String> openedCases, Map<String, Integer> decisions) {
  }

  private record Handled(String decision, String openedCase, String newOutage) {

    Handled(String decision, String openedCase) {
      this(decision, openedCase, null);
    }
  }

  /** At most one "alert resolved" mail per case in each such window. */
  static final Duration RESOLVED_MAIL_WINDOW = Duration.ofMinutes(10);

  private final ObjectMapper mapper;

  private final RuntimeService runtime;
  private final ClientDirectory clients;
  private final AlertLedger ledger;
  private final AlertTriage triage;
  private final CaseHolders holders;
  private final OutageLocks outages;
  private final TransactionTemplate transaction;
  private final Clock clock;

  AlertIntake(RuntimeService runtime, ClientDirectory clients, AlertLedger ledger, AlertTriage triage,
      CaseHolders holders, OutageLocks outages, PlatformTransactionManager transactions, Clock clock, ObjectMapper mapper) {
    this.mapper = mapper;
    this.runtime = runtime;
    this.clients = clients;
    this.ledger = ledger;
    this.triage = triage;
    this.holders = holders;
    this.outages = outages;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  Outcome receive(Integration integration, List<ReceivedAlert> alerts) {
    List<String> named = new ArrayList<>();
    for (ReceivedAlert alert : alerts) {
      String clientId = alert.clientValue() != null ? alert.clientValue() : integration.onlyClient();
      if (clientId != null && !integration.mayReportFor(clientId) && clients.activeClient(clientId).isPresent()) {
        throw ApiProblem.forbidden("Integration '" + integration.name() + "' may not report alerts for client '" + clientId
            + "'. Nothing of this request was recorded.");
      }
      named.add(clientId);
    }
    Map<String, Integer> decisions = new LinkedHashMap<>();
    List<String> opened = new ArrayList<>();
    int first = 0;
    while (first < alerts.size()) {
      int end = first + 1;
      while (end < alerts.size() && Objects.equals(named.get(end), named.get(first))
          && outageOf(alerts.get(end)).equals(outageOf(alerts.get(first)))) {
        end++;
      }
      List<Handled> done = handleRun(integration, alerts.subList(first, end), named.get(first));
      for (Handled handled : done) {
        decisions.merge(handled.decision(), 1, Integer::sum);
        if (handled.openedCase() != null) {
          opened.add(handled.openedCase());
        }
      }
      first += done.size();
    }
    return new Outcome(alerts.size(), opened, decisions);
  }

  /** The outage an alert tells of, for its client: its Alertmanager group, else its key. */
  private static String outageOf(ReceivedAlert alert) {
    return outageOf(alert.groupKey() == null ? null : Integrations.hash(alert.groupKey()), alert.key());
  }

  /** The outage of an alert with this group (hashed) and key. */
  static String outageOf(String groupHash, String alertKey) {
    return groupHash != null ? "group:" + groupHash : "key:" + alertKey;
  }

  /**
   * Alerts of one outage that came together (an Alertmanager notification is one group), in one transaction: at most one
   * outage lock is held in it, so two requests never wait for each other's. The outage's first alert ever makes its lock
   * row on its own first, and the run is handled again (nothing of it was written). An alert that opens a case ends the
   * transaction; the ones after it are handled in the next. Returns what was done of the run, from its first alert on.
   */
  private List<Handled> handleRun(Integration integration, List<ReceivedAlert> run, String clientId) {
    while (true) {
      List<Handled> handled = transaction.execute(status -> {
        List<Handled> done = new ArrayList<>();
        // the mails this run has written: one per case and window, not one per alert of it
        Set<String> told = new HashSet<>();
        for (ReceivedAlert alert : run) {
          Handled one = handle(integration, alert, clientId, told);
          if (one.newOutage() != null) {
            status.setRollbackOnly();
            return List.of(one);
          }
          done.add(one);
          if (one.openedCase() != null) {
            // committed at once: a case start holds the year's case counter until its transaction ends
            break;
          }
        }
        return done;
      });
      if (handled.get(0).newOutage() == null) {
        return handled;
      }
      outages.create(handled.get(0).newOutage(), clientId, clock.instant());
    }
  }

  private Handled handle(Integration integration, ReceivedAlert alert, String clientId, Set<String> told) {
    Instant now = clock.instant();
    String groupHash = alert.groupKey() == null ? null : Integrations.hash(alert.groupKey());
    Optional<ClientDirectory.ClientFacts> client = clientId == null ? Optional.empty() : clients.activeClient(clientId);
    if (client.isEmpty()) {
      // the triage table's ignore needs no client: Alertmanager's Watchdog names none, and is no outage to look into
      AlertTriage.Decision heartbeat = triage.decide(alert, null);
      if (heartbeat.action() == AlertTriage.Action.ignore) {
        ledger.record(integration, alert, null, groupHash, "ignored", heartbeat.reason(), null, null, now);
        return new Handled("ignored", null);
      }
      String reason = clientId == null
          ? "the alert names no client (label '" + integration.clientLabel() + "'), and the integration is not for one client"
          : "no active client '" + clientId + "' (label '" + integration.clientLabel() + "')";
      ledger.record(integration, alert, null, groupHash, "unmatched", reason, null, null, now);
      return new Handled("unmatched", null);
    }
    AlertLedger.Attached open = openCase(clientId, alert.key(), groupHash);
    if (open == null) {
      // no open case has it: one alert of this outage (its group, else its key) at a time from here, whichever node it
      // reached, so the next one finds the case this one opens; other outages of the client are not held up (an alert
      // joining an open case needs no such wait)
      String outage = OutageLocks.key(clientId, outageOf(alert));
      if (!outages.lock(outage)) {
        return new Handled(null, null, outage);
      }
      open = openCase(clientId, alert.key(), groupHash);
    }
    if (!alert.firing()) {
      if (open == null) {
        ledger.record(integration, alert, clientId, groupHash, "held", "resolved, and no open case of the client has this alert",
            null, null, now);
        return new Handled("held", null);
      }
      ledger.attach(open.processInstanceId(), open.caseNumber(), clientId, integration, alert, groupHash, false, now);
      ledger.record(integration, alert, clientId, groupHash, "resolved",
          "the monitor says it is back; the case stays open until the client accepts the recovery", open.caseNumber(),
          open.processInstanceId(), now);
      Instant backAt = alert.endsAt() == null ? now : alert.endsAt();
      Map<String, Object> about = new LinkedHashMap<>();
      about.put("taskName", alert.name() == null ? alert.key() : alert.name());
      about.put("alertSummary", alert.summary() == null ? "" : alert.summary());
      about.put("resolvedAt", Date.from(backAt));
      // one mail per case and window of the storm: the case page lists every resolved alert (an outage of 200 alerts is
      // not 200 mails to the technician)
      long window = now.getEpochSecond() / RESOLVED_MAIL_WINDOW.toSeconds();
      String once = MessageKind.alertResolved + ":" + open.processInstanceId() + ":" + window;
      if (told.add(once)) {
        holders.tell(MessageKind.alertResolved, open.processInstanceId(), once, about);
      }
      return new Handled("resolved", null);
    }
    if (open != null) {
      // the outage has its case already: the alert joins it, whatever the triage table says of new alerts
      ledger.attach(open.processInstanceId(), open.caseNumber(), clientId, integration, alert, groupHash, false, now);
      ledger.record(integration, alert, clientId, groupHash, "attached", open.alertKey().equals(alert.key())
          ? "the same alert as one of the case's" : "the same Alertmanager group as an alert of the case", open.caseNumber(),
          open.processInstanceId(), now);
      return new Handled("attached", null);
    }
    AlertTriage.Decision decision = triage.decide(alert, client.get().tier());
    if (decision.action() == AlertTriage.Action.ignore) {
      ledger.record(integration, alert, clientId, groupHash, "ignored", decision.reason(), null, null, now);
      return new Handled("ignored", null);
    }
    if (decision.action() == AlertTriage.Action.attach) {
      ledger.record(integration, alert, clientId, groupHash, "held", decision.reason() + "; no open case of the client has it",
          null, null, now);
      return new Handled("held", null);
    }
    ProcessInstance started = runtime.startProcessInstanceByKey(PROCESS_KEY, caseVariables(integration, alert, clientId, now));
    ledger.attach(started.getId(), started.getBusinessKey(), clientId, integration, alert, groupHash, true, now);
    ledger.record(integration, alert, clientId, groupHash, "opened", decision.reason(), started.getBusinessKey(), started.getId(),
        now);
    return new Handled("opened", started.getBusinessKey());
  }

  /** The newest case of the client, still open, that has this alert or an alert of its group. */
  AlertLedger.Attached openCase(String clientId, String alertKey, String groupHash) {
    List<AlertLedger.Attached> candidates = ledger.withKeyOrGroup(clientId, alertKey, groupHash);
    if (candidates.isEmpty()) {
      return null;
    }
    Set<String> ids = candidates.stream().map(AlertLedger.Attached::processInstanceId).collect(Collectors.toSet());
    Set<String> running = runtime.createProcessInstanceQuery().processInstanceIds(ids).listPage(0, ids.size()).stream()
        .map(ProcessInstance::getId).collect(Collectors.toSet());
    return candidates.stream().filter(c -> running.contains(c.processInstanceId())).findFirst().orElse(null);
  }

  VariableMap caseVariables(Integration integration, ReceivedAlert alert, String clientId, Instant now) {
    String reportedBy = "Monitoring: " + integration.name() + (alert.source() == null || alert.source().equals(integration.name())
        ? "" : " (" + alert.source() + ")");
    Instant detected = alert.startsAt() == null || alert.startsAt().isAfter(now) ? now : alert.startsAt();
    VariableMap variables = Variables.createVariables()
        .putValue(CLIENT_ID, clientId)
        .putValue(SUMMARY, alert.summary())
        .putValue(REPORTED_BY, reportedBy.length() > 200 ? reportedBy.substring(0, 200) : reportedBy)
        .putValue(DETECTED_AT, Date.from(detected))
        // the client hears of it once a technician has confirmed a disaster: a false alarm never reaches them
        .putValue(OPENED_BY_MONITOR, true);
    if (!alert.systems().isEmpty()) {
      try {
        variables.putValue(AFFECTED_SYSTEMS, SpinValues.jsonValue(mapper.writeValueAsString(alert.systems())).create());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return variables;
  }
}
