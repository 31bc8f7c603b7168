package com.rebound.reports;

import com.rebound.actions.ActionItemVariables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.casebook.CaseBook;
import com.rebound.legal.LegalClocks;
import com.rebound.legal.LegalObligations;
import com.rebound.casebook.CaseView;
import com.rebound.identity.StaffNames;
import com.rebound.clocks.CaseClocks;
import com.rebound.procedure.ProcedureVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Gathers a case's final report from the engine's history and Rebound's own records of the client's rounds. */
@Service
class CaseReports {

  private static final Set<String> ADMIN_CHANGES = Set.of(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE,
      UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE,
      UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLES,
      UserOperationLogEntry.OPERATION_TYPE_SUSPEND, UserOperationLogEntry.OPERATION_TYPE_ACTIVATE,
      UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_DELETE);

  private final HistoryService history;
  private final IdentityService identity;
  private final CaseBook cases;
  private final JdbcTemplate jdbc;
  private final CaseClocks clocks;
  private final ObjectMapper json;
  private final StaffNames staff;

  private final LegalClocks legalClocks;
  private final LegalObligations legalObligations;
  private final com.rebound.replies.ClientReplies replies;
  private final boolean conversationInFull;

  CaseReports(HistoryService history, IdentityService identity, CaseBook cases, JdbcTemplate jdbc, CaseClocks clocks,
      ObjectMapper json, StaffNames staff, LegalClocks legalClocks, LegalObligations legalObligations,
      com.rebound.replies.ClientReplies replies, com.rebound.settings.ReboundSettings settings) {
    this.replies = replies;
    this.conversationInFull = settings.mailbox().reportInFull();
    this.legalClocks = legalClocks;
    this.legalObligations = legalObligations;
    this.staff = staff;
    this.history = history;
    this.identity = identity;
    this.cases = cases;
    this.jdbc = jdbc;
    this.clocks = clocks;
    this.json = json;
  }

  /** The report of a case: the case as the case book shows it ({@link CaseView}), with what only the report tells. */
  Optional<CaseReport> find(String caseNumber) {
    CaseView view = cases.view(caseNumber, ClockUtil.getCurrentTime().toInstant()).orElse(null);
    if (view == null) {
      return Optional.empty();
    }
    String id = view.processInstanceId();
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    Map<String, Object> variables = new HashMap<>();
    List<CaseReport.Action> actions = new ArrayList<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(id)
        .disableCustomObjectDeserialization().listPage(0, 1000)) {
      if (variable.getTaskId() != null) {
        continue;
      }
      TypedValue value = variable.getTypedValue();
      if (ProcedureVariables.ACTION_ITEMS.equals(variable.getName())) {
        actions = actions(value);
      } else if (!(value instanceof SerializableValue)) {
        variables.put(variable.getName(), value == null ? null : value.getValue());
      }
    }
    List<CaseReport.Action> tracked = trackedActions(caseNumber);
    if (!tracked.isEmpty()) {
      actions = tracked;
    }
    // the review is the provider's own, honest look: the client's report shows it only when the manager chose to share it
    boolean reviewShared = Boolean.TRUE.equals(variables.get(ProcedureVariables.SHARE_REVIEW));
    if (!reviewShared) {
      variables.remove(ProcedureVariables.ROOT_CAUSE);
      variables.remove(ProcedureVariables.LESSONS_LEARNED);
      variables.remove(ProcedureVariables.WENT_WELL);
      actions = List.of();
    }
    // the client's report: the case's start and end and the people's steps (no decision, timer or automatic step), by name
    List<CaseReport.Step> timeline = view.timeline().stream().filter(CaseView.Event::forTheClient)
        .map(e -> new CaseReport.Step(e.step(), e.name(), e.by() == null ? null : staff.displayName(e.by(), e.by()), e.startedAt(),
            e.endedAt())).toList();
    String clientId = view.client() == null ? null : view.client().id();
    String codes = (String) variables.get(ProcedureVariables.PREVENTION_RECOMMENDATIONS);
    List<String> recommendations = codes == null || codes.isBlank() ? List.of() : List.of(codes.split(","));
    return Optional.of(new CaseReport(caseNumber, id, instance == null ? ("open".equals(view.state()) ? "ACTIVE" : "COMPLETED")
        : instance.getState(), view.outcome(), view.openedAt(), view.closedAt(), variables, rto(view.rto()), rpo(view.rpo()), rounds(view),
        view.consent() == null ? null : round(view.consent(), null), timeline, changes(id), alerts(view),
        actions, reviewShared, recommendations, clientId == null ? null : clocks.counting(clientId), legal(caseNumber),
        conversation(caseNumber)));
  }

  /** The e-mail conversation with the client (its replies on the case, our answers), counted, or in full by the provider's choice. */
  private CaseReport.Conversation conversation(String caseNumber) {
    List<Map<String, Object>> messages = replies.ofCase(caseNumber).stream().filter(m -> !"autoReply".equals(m.get("state"))).toList();
    int ours = (int) messages.stream().filter(m -> "out".equals(m.get("direction"))).count();
    List<CaseReport.Said> said = !conversationInFull ? List.of() : messages.stream().map(m -> new CaseReport.Said(
        (java.time.Instant) m.get("receivedAt"), "out".equals(m.get("direction")),
        "out".equals(m.get("direction")) ? staff.displayName((String) m.get("fromAddress"), null)
            : m.get("fromName") != null ? (String) m.get("fromName") : (String) m.get("fromAddress"), (String) m.get("text"))).toList();
    return new CaseReport.Conversation(messages.size() - ours, ours, said);
  }

  /** The case's legal timeline, from the one read of legal obligations. */
  private CaseReport.Legal legal(String caseNumber) {
    return legalClocks.awareness(caseNumber).map(awareness -> new CaseReport.Legal(awareness.awareAt(),
        legalObligations.list(caseNumber, null, "all", 100).stream().map(o -> new CaseReport.Obligation((String) o.get("regime"),
            (String) o.get("duty"), (String) o.get("authority"), (String) o.get("responsible"), (java.time.Instant) o.get("dueAt"),
            Boolean.TRUE.equals(o.get("overdue")) ? "overdue" : (String) o.get("state"), (java.time.Instant) o.get("doneAt"),
            (String) o.get("reference"), (String) o.get("doneBy"), (String) o.get("note"))).toList())).orElse(null);
  }

  /** The case against its agreed RTO as the case book gives it, in hours for the report. */
  private static CaseReport.Rto rto(CaseView.Rto rto) {
    if (rto.deadline() == null) {
      return new CaseReport.Rto("notAgreed", 0, 0, 0, null, null, rto.recoveredAt());
    }
    return new CaseReport.Rto(rto.status(), rto.hours(), (rto.usedMinutes() == null ? 0 : rto.usedMinutes()) / 60.0,
        rto.breachedByMinutes() == null ? 0 : rto.breachedByMinutes() / 60.0, rto.agreedAt(), rto.deadline(), rto.recoveredAt());
  }

  /** The data lost against the agreed RPO, by the case book's one rule. */
  private static CaseReport.Rpo rpo(CaseView.Rpo rpo) {
    return new CaseReport.Rpo(rpo.status(), rpo.hours() == null ? null : rpo.hours().longValue(),
        rpo.dataLossHours() == null ? null : rpo.dataLossHours().longValue());
  }


  /** The acceptance rounds, each with what the client's users found (the issues the technician wrote for a round with problems). */
  private List<CaseReport.Round> rounds(CaseView view) {
    List<String> issues = new ArrayList<>();
    for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(view.processInstanceId()).variableUpdates()
        .orderByTime().asc().listPage(0, 2000)) {
      if (detail instanceof HistoricVariableUpdate update && ProcedureVariables.ACCEPTANCE_ISSUES.equals(update.getVariableName())
          && update.getValue() instanceof String text) {
        issues.add(text);
      }
    }
    List<CaseReport.Round> rounds = new ArrayList<>();
    int problemRound = 0;
    for (CaseView.Round round : view.rounds()) {
      String roundIssues = null;
      if ("problems".equals(round.outcome())) {
        roundIssues = problemRound < issues.size() ? issues.get(problemRound) : null;
        problemRound++;
      }
      rounds.add(round(round, roundIssues));
    }
    return rounds;
  }

  /** A round as the client reads it: who answered by name (a technician who recorded it in Tasklist, not their login). */
  private CaseReport.Round round(CaseView.Round round, String issues) {
    String by = round.answeredBy() == null ? null : staff.displayName(round.answeredBy(), round.answeredBy());
    return new CaseReport.Round(round.round(), round.outcome(), by, round.answeredVia(), round.closedAt(),
        round.results().stream().map(r -> new CaseReport.Test(r.tester(), r.tested(), r.ok(), r.description())).toList(), issues);
  }

  /** The monitoring alerts attached to the case. */
  private static List<CaseReport.MonitorAlert> alerts(CaseView view) {
    return view.alerts().stream().map(a -> new CaseReport.MonitorAlert(a.name(), a.summary(), a.status(), a.openedTheCase(),
        a.firstSeen(), a.lastSeen(), a.timesSeen(), a.resolvedAt())).toList();
  }

  /**
   * What administrators changed outside the steps, from Camunda's user operation log (one entry per
   * operation, with its annotation as the reason). Changes Rebound itself makes are not there.
   */
  private List<CaseReport.Change> changes(String processInstanceId) {
    Map<String, CaseReport.Change> byOperation = new LinkedHashMap<>();
    Map<String, Boolean> admins = new HashMap<>();
    for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
        .orderByTimestamp().asc().listPage(0, 2000)) {
      if (!ADMIN_CHANGES.contains(entry.getOperationType()) || entry.getUserId() == null
          || !admins.computeIfAbsent(entry.getUserId(), this::isAdmin)) {
        continue;
      }
      String detail = "name".equals(entry.getProperty()) ? entry.getNewValue() : null;
      byOperation.merge(entry.getOperationId(), new CaseReport.Change(entry.getOperationType(), detail, entry.getUserId(),
          instant(entry.getTimestamp()), entry.getAnnotation()),
          (first, next) -> first.detail() != null || next.detail() == null ? first
              : new CaseReport.Change(first.operation(), next.detail(), first.who(), first.at(), first.why()));
    }
    return List.copyOf(byOperation.values());
  }

  private boolean isAdmin(String userId) {
    return identity.createGroupQuery().groupMember(userId).groupId(Groups.CAMUNDA_ADMIN).count() > 0;
  }

  private List<CaseReport.Action> actions(TypedValue value) {
    List<CaseReport.Action> actions = new ArrayList<>();
    if (value instanceof SerializableValue serialized && serialized.getValueSerialized() != null) {
      try {
        JsonNode items = json.readTree(serialized.getValueSerialized());
        for (JsonNode item : items) {
          actions.add(new CaseReport.Action(item.path("what").asText(""), item.path("owner").asText(""),
              item.path("dueDate").asText(item.path("due").asText("")), null, null, null, null));
        }
      } catch (java.io.IOException e) {
        actions.add(new CaseReport.Action(serialized.getValueSerialized(), "", "", null, null, null, null));
      }
    }
    return actions;
  }

  /** The case's action items as tracked (rebound_action_item), in the review's order; none before the review. */
  private List<CaseReport.Action> trackedActions(String caseNumber) {
    return jdbc.query("SELECT what, owner, due_date, state, closed_by, closed_at, drop_reason FROM rebound_action_item "
        + "WHERE case_number = ? AND id LIKE ? ORDER BY LENGTH(id), id", (rs, n) -> {
          java.sql.Timestamp closedAt = rs.getTimestamp("closed_at");
          return new CaseReport.Action(rs.getString("what"), rs.getString("owner"), rs.getDate("due_date").toLocalDate().toString(),
              rs.getString("state"), rs.getString("closed_by"), closedAt == null ? null : closedAt.toInstant(), rs.getString("drop_reason"));
        }, caseNumber, ActionItemVariables.reviewItemsLike(caseNumber));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
