package com.rebound.legal;

import static com.rebound.legal.LegalVariables.*;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.notify.Formats;
import com.rebound.web.ApiProblem;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.security.CurrentUser;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The law's clocks of a case. The moment of awareness is recorded the first time a step (or a person on the case's page)
 * raises a legal fact, with who and where; decision {@code legalObligations} turns the client's regimes and the case's facts
 * into obligations, each a row of {@code rebound_legal_obligation} and an instance of process {@code legalObligation}
 * started once (a fact raised later adds only the obligations it brings). Only a manager moves the moment of awareness,
 * with a reason kept in the case's legal timeline; the open obligations' deadlines, timers and steps move with it.
 */
@Service
public class LegalClocks {

  /** The client id of the provider's own obligations (a shared cause's), which belong to no client. */
  static final String PROVIDER = "provider";

  private final JdbcTemplate jdbc;
  private final ClientService clients;
  private final RuntimeService runtime;
  private final DecisionService decisions;
  private final ManagementService management;
  private final TaskService tasks;
  private final CurrentUser currentUser;

  LegalClocks(JdbcTemplate jdbc, ClientService clients, RuntimeService runtime, DecisionService decisions, ManagementService management,
      TaskService tasks, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.runtime = runtime;
    this.decisions = decisions;
    this.management = management;
    this.tasks = tasks;
    this.currentUser = currentUser;
  }

  /** The case's moment of awareness and its facts. */
  public record Awareness(String caseNumber, String clientId, Instant awareAt, String recordedBy, Instant recordedAt, String recordedStep,
      Facts facts) {
  }

  /**
   * Facts raised on a case (by a step, or a person on the case's page): the first raise records the moment of awareness;
   * every obligation the facts now bring is started once. {@code caseVariables} are the case's (for the drafts). Returns the
   * case's facts as they now stand.
   */
  public Facts raise(Facts raised, String by, String where, Map<String, Object> caseVariables) {
    if (!raised.any()) {
      return raised;
    }
    String caseNumber = (String) caseVariables.get(ProcedureVariables.CASE_NUMBER);
    String clientId = (String) caseVariables.get(ProcedureVariables.CLIENT_ID);
    Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
    // one raise of a case at a time, whatever the route (a case's step, a runbook's step, the case's page)
    jdbc.queryForList("SELECT case_number FROM rebound_case WHERE case_number = ? FOR UPDATE", String.class, caseNumber);
    Optional<Awareness> known = awareness(caseNumber);
    Facts facts;
    Instant awareAt;
    if (known.isEmpty()) {
      facts = Facts.NONE.and(raised);
      awareAt = now;
      jdbc.update("INSERT INTO rebound_legal_awareness (case_number, client_id, aware_at, recorded_by, recorded_at, recorded_step, "
          + "personal_data, high_risk, significant, major) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", caseNumber, clientId, Timestamp.from(now),
          by, Timestamp.from(now), where, facts.personalDataAffected(), facts.highRiskToPeople(), facts.significantIncident(),
          facts.majorIncident());
      event(caseNumber, now, by, "aware", "Moment of awareness recorded at " + where + ": " + facts.newSince(Facts.NONE));
    } else {
      Facts before = known.get().facts();
      facts = before.and(raised);
      awareAt = known.get().awareAt();
      if (facts.equals(before)) {
        return facts;
      }
      jdbc.update("UPDATE rebound_legal_awareness SET personal_data = ?, high_risk = ?, significant = ?, major = ? WHERE case_number = ?",
          facts.personalDataAffected(), facts.highRiskToPeople(), facts.significantIncident(), facts.majorIncident(), caseNumber);
      event(caseNumber, now, by, "raised", "Raised at " + where + ": " + facts.newSince(before));
    }
    Client client = clients.find(clientId).orElseThrow(() -> new IllegalStateException("no client " + clientId));
    for (Map<String, Object> rule : obligations(client.legalOrNone(), facts)) {
      start(rule, client, caseVariables, awareAt, now);
    }
    return facts;
  }

  /** The rows of decision legalObligations for the client's regimes and the case's facts (evaluated by Rebound itself). */
  private List<Map<String, Object>> obligations(Client.Legal legal, Facts facts) {
    return obligations(legal, facts, false);
  }

  /** The same for a shared cause ({@code sharedCause} true: the provider's own rows), or for one case. */
  List<Map<String, Object>> obligations(Client.Legal legal, Facts facts, boolean sharedCause) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("sharedCause", sharedCause);
    inputs.put("personalData", legal.processesPersonalData());
    inputs.put("processorDeadlineHours", legal.processorDeadlineHours());
    inputs.put("nis2", legal.nis2OrNone());
    inputs.put("nis2Authority", legal.nis2Authority());
    inputs.put("dora", legal.financialEntity());
    inputs.put(ProcedureVariables.PERSONAL_DATA_AFFECTED, facts.personalDataAffected());
    inputs.put(ProcedureVariables.HIGH_RISK_TO_PEOPLE, facts.highRiskToPeople());
    inputs.put(ProcedureVariables.SIGNIFICANT_INCIDENT, facts.significantIncident());
    inputs.put(ProcedureVariables.MAJOR_INCIDENT, facts.majorIncident());
    DmnDecisionResult result = currentUser.asRebound(() -> decisions.evaluateDecisionByKey(DECISION_KEY).variables(inputs).evaluate());
    return result.getResultList();
  }

  void start(Map<String, Object> rule, Client client, Map<String, Object> caseVariables, Instant awareAt, Instant now) {
    String caseNumber = (String) caseVariables.get(ProcedureVariables.CASE_NUMBER);
    String code = text(rule.get("code"));
    String id = obligationId(caseNumber, code);
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_legal_obligation WHERE id = ?", Integer.class, id);
    if (known != null && known > 0) {
      return;
    }
    Number hours = (Number) rule.get("deadlineHours");
    if (hours == null || hours.doubleValue() <= 0) {
      throw new IllegalStateException("decision " + DECISION_KEY + " gives obligation " + code + " no deadline in hours");
    }
    String countFrom = "raised".equals(rule.get("countFrom")) ? "raised" : "awareness";
    Instant from = "raised".equals(countFrom) ? now : awareAt;
    Instant due = from.plusMillis(Math.round(hours.doubleValue() * 3_600_000d));
    String responsible = "provider".equals(rule.get("responsible")) ? "provider" : "client";
    String authority = text(rule.get("authority"));
    Client.Legal legal = client == null ? Client.Legal.NONE : client.legalOrNone();
    String clientId = client == null ? PROVIDER : client.id();
    String clientName = client == null ? (String) caseVariables.get(ProcedureVariables.CLIENT_NAME) : client.name();
    Map<String, Object> variables = new HashMap<>();
    variables.put(OBLIGATION_ID, id);
    variables.put(ProcedureVariables.CASE_NUMBER, caseNumber);
    variables.put(ProcedureVariables.CLIENT_ID, client == null ? null : client.id());
    variables.put(ProcedureVariables.CLIENT_NAME, clientName);
    variables.put(ProcedureVariables.SUMMARY, caseVariables.get(ProcedureVariables.SUMMARY));
    variables.put(CODE, code);
    variables.put(REGIME, text(rule.get("regime")));
    variables.put(DUTY, text(rule.get("duty")));
    variables.put(AUTHORITY, authority);
    variables.put(RESPONSIBLE, responsible);
    variables.put(RESPONSIBLE_TEXT, "provider".equals(responsible) ? "the provider (us)" : "the client");
    variables.put(TITLE, text(rule.get("regime")) + ": " + code + " (" + hours.intValue() + " h)");
    variables.put(DEADLINE_HOURS, hours.intValue());
    variables.put(COUNTED_FROM, Date.from(from));
    variables.put(DUE_AT, Date.from(due));
    variables.put(DUE_AT_TEXT, dueText(client, due));
    variables.put(HOW, "send".equals(rule.get("how")) ? "send" : "confirm");
    variables.put(DRAFT, text(rule.get("draft")));
    variables.put(PRIVACY_CONTACT, privacyContact(legal));
    variables.put(PRIVACY_CONTACT_EMAIL, legal.privacyContactEmail());
    variables.putAll(LegalDrafts.prefill(caseVariables, legal));
    String processInstanceId = currentUser.asRebound(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, id, variables).getId());
    jdbc.update("INSERT INTO rebound_legal_obligation (id, case_number, client_id, client_name, code, regime, duty, authority, responsible, "
        + "deadline_hours, count_from, counted_from, due_at, state, process_instance_id, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)", id, caseNumber, clientId, clientName, code,
        text(rule.get("regime")), text(rule.get("duty")), authority, responsible, hours.intValue(), countFrom, Timestamp.from(from),
        Timestamp.from(due), processInstanceId, Timestamp.from(now));
  }

  /**
   * A manager moves the case's moment of awareness (a reason is required and kept): every open obligation counted from it
   * gets its new deadline, its timers recalculated and its step's due date. Refused with a 400 naming the field.
   */
  public Awareness moveAwareness(String caseNumber, Instant to, String reason, String by) {
    Awareness known = awareness(caseNumber).orElseThrow(() -> ApiProblem.conflict(
        "Case " + caseNumber + " has no moment of awareness yet: raise a legal fact first."));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (to == null) {
      throw invalid("awareAt", "is required: the moment someone became aware, e.g. 2026-12-07T09:30:00+01:00");
    }
    if (to.isAfter(now)) {
      throw invalid("awareAt", "is in the future; give the moment someone became aware");
    }
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw invalid("reason", "is required (at most 1000 characters): why the moment recorded was not the right one");
    }
    Instant at = to.truncatedTo(ChronoUnit.MILLIS);
    jdbc.update("UPDATE rebound_legal_awareness SET aware_at = ? WHERE case_number = ?", Timestamp.from(at), caseNumber);
    event(caseNumber, now, by, "moved", "Moment of awareness moved from " + known.awareAt() + " to " + at + ": " + reason.trim());
    Client client = clients.find(known.clientId()).orElse(null);
    for (Map<String, Object> open : jdbc.queryForList("SELECT id, deadline_hours, process_instance_id FROM rebound_legal_obligation "
        + "WHERE case_number = ? AND state = 'open' AND count_from = 'awareness'", caseNumber)) {
      Instant due = at.plusMillis(((Number) open.get("deadline_hours")).longValue() * 3_600_000L);
      jdbc.update("UPDATE rebound_legal_obligation SET counted_from = ?, due_at = ? WHERE id = ?", Timestamp.from(at), Timestamp.from(due),
          open.get("id"));
      String processInstanceId = (String) open.get("process_instance_id");
      currentUser.asRebound(() -> {
        runtime.setVariable(processInstanceId, COUNTED_FROM, Date.from(at));
        runtime.setVariable(processInstanceId, DUE_AT, Date.from(due));
        runtime.setVariable(processInstanceId, DUE_AT_TEXT, dueText(client, due));
        for (Job timer : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
          management.recalculateJobDuedate(timer.getId(), false);
        }
        for (Task step : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
          step.setDueDate(Date.from(due));
          tasks.saveTask(step);
        }
        return null;
      });
    }
    return awareness(caseNumber).orElseThrow();
  }

  /** The confirmation step: filed (when, the reference, by whom) or did not apply (why), checked; met or late by the deadline. */
  void confirmed(String id, String outcome, Instant filedAt, String reference, String filedBy, String note, String confirmedBy) {
    String state;
    if ("notApplicable".equals(outcome)) {
      state = "notApplicable";
    } else {
      Timestamp due = jdbc.queryForObject("SELECT due_at FROM rebound_legal_obligation WHERE id = ?", Timestamp.class, id);
      state = due != null && filedAt.isAfter(due.toInstant()) ? "late" : "met";
    }
    close(id, state, filedAt, reference, filedBy, note, confirmedBy);
  }

  /** The provider's notice went to the outbox: the obligation is met (or late) now. */
  void noticeSent(String id, String reference, String reviewedBy) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Timestamp due = jdbc.queryForObject("SELECT due_at FROM rebound_legal_obligation WHERE id = ?", Timestamp.class, id);
    close(id, due != null && now.isAfter(due.toInstant()) ? "late" : "met", now, reference, "Rebound (the outbox), reviewed by "
        + (reviewedBy == null ? "a technician" : reviewedBy), null, reviewedBy);
  }

  private void close(String id, String state, Instant doneAt, String reference, String doneBy, String note, String confirmedBy) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    int changed = jdbc.update("UPDATE rebound_legal_obligation SET state = ?, done_at = ?, reference = ?, done_by = ?, note = ?, "
        + "confirmed_by = ?, confirmed_at = ? WHERE id = ? AND state = 'open'", state, doneAt == null ? null : Timestamp.from(doneAt),
        reference, doneBy, note, confirmedBy, Timestamp.from(now), id);
    if (changed != 1) {
      throw new IllegalStateException("legal obligation " + id + " is not open");
    }
    String caseNumber = jdbc.queryForObject("SELECT case_number FROM rebound_legal_obligation WHERE id = ?", String.class, id);
    event(caseNumber, now, confirmedBy, state, id + ("notApplicable".equals(state) ? " did not apply: " + note
        : " filed " + doneAt + " by " + doneBy + ", reference " + reference));
  }

  void reminded(String id) {
    jdbc.update("UPDATE rebound_legal_obligation SET reminded = reminded + 1 WHERE id = ?", id);
  }

  void deadlinePassed(String id) {
    jdbc.update("UPDATE rebound_legal_obligation SET deadline_passed = TRUE WHERE id = ?", id);
    String caseNumber = jdbc.queryForObject("SELECT case_number FROM rebound_legal_obligation WHERE id = ?", String.class, id);
    event(caseNumber, ClockUtil.getCurrentTime().toInstant(), null, "deadlinePassed", id + ": the deadline passed before it was filed");
  }

  /** The case's moment of awareness and facts, if it became a legal event. */
  public Optional<Awareness> awareness(String caseNumber) {
    return jdbc.query("SELECT * FROM rebound_legal_awareness WHERE case_number = ?", (r, n) -> new Awareness(r.getString("case_number"),
        r.getString("client_id"), r.getTimestamp("aware_at").toInstant(), r.getString("recorded_by"), r.getTimestamp("recorded_at").toInstant(),
        r.getString("recorded_step"), new Facts(r.getBoolean("personal_data"), r.getBoolean("high_risk"), r.getBoolean("significant"),
            r.getBoolean("major"))), caseNumber).stream().findFirst();
  }

  void event(String caseNumber, Instant at, String by, String what, String detail) {
    jdbc.update("INSERT INTO rebound_legal_event (case_number, at, by_user, what, detail) VALUES (?, ?, ?, ?, ?)", caseNumber,
        Timestamp.from(at), by, what, detail.length() > 1000 ? detail.substring(0, 1000) : detail);
  }

  private static String dueText(Client client, Instant due) {
    if (client == null) {
      return due.toString();
    }
    return new Formats(client.preferredLanguage(), client.businessHours().timeZone()).dateTime(Date.from(due));
  }

  private static String privacyContact(Client.Legal legal) {
    if (legal.privacyContactEmail() == null) {
      return null;
    }
    return legal.privacyContactName() == null ? legal.privacyContactEmail() : legal.privacyContactName() + " <" + legal.privacyContactEmail() + ">";
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static ApiProblem invalid(String field, String reason) {
    return ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(field, reason)));
  }
}
