package com.rebound.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.acceptance.AcceptanceResults;
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
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
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
  private static final Set<String> TIMELINE_TYPES = Set.of("userTask", "businessRuleTask", "boundaryTimer", "startEvent", "noneEndEvent");

  private final HistoryService history;
  private final IdentityService identity;
  private final AcceptanceResults results;
  private final JdbcTemplate jdbc;
  private final CaseClocks clocks;
  private final ObjectMapper json;
  private final com.rebound.alerts.CaseAlerts caseAlerts;

  CaseReports(HistoryService history, IdentityService identity, AcceptanceResults results, JdbcTemplate jdbc, CaseClocks clocks,
      ObjectMapper json, com.rebound.alerts.CaseAlerts caseAlerts) {
    this.caseAlerts = caseAlerts;
    this.history = history;
    this.identity = identity;
    this.results = results;
    this.jdbc = jdbc;
    this.clocks = clocks;
    this.json = json;
  }

  Optional<CaseReport> find(String caseNumber) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProcedureVariables.PROCESS_KEY).processInstanceBusinessKey(caseNumber)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    if (instance == null) {
      return Optional.empty();
    }
    String id = instance.getId();
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
    List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery().processInstanceId(id)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().listPage(0, 2000);
    Map<String, String> completedBy = new HashMap<>();
    history.createUserOperationLogQuery().processInstanceId(id).operationType("Complete").listPage(0, 2000)
        .forEach(entry -> completedBy.putIfAbsent(entry.getTaskId(), entry.getUserId()));
    List<CaseReport.Step> timeline = activities.stream().filter(a -> TIMELINE_TYPES.contains(a.getActivityType()))
        .map(a -> new CaseReport.Step(a.getActivityId(), a.getActivityName() == null ? a.getActivityId() : a.getActivityName(),
            a.getAssignee() != null ? a.getAssignee() : completedBy.get(a.getTaskId()),
            instant(a.getStartTime()), instant(a.getEndTime()))).toList();
    String clientId = (String) variables.get(ProcedureVariables.CLIENT_ID);
    String codes = (String) variables.get(ProcedureVariables.PREVENTION_RECOMMENDATIONS);
    List<String> recommendations = codes == null || codes.isBlank() ? List.of() : List.of(codes.split(","));
    return Optional.of(new CaseReport(caseNumber, id, instance.getState(), instant(instance.getStartTime()),
        instant(instance.getEndTime()), variables, rto(variables, activities, clientId, instance.getEndTime() != null), rpo(variables), rounds(id),
        roundRows(id, "CONSENT").stream().reduce((first, last) -> last).map(RoundRow::asRound).orElse(null), timeline,
        changes(id), alerts(id),
        actions, recommendations, clientId != null && clocks.countsBusinessHours(clientId)));
  }

  /** The case against its agreed RTO, by the one rule the timers and the API follow ({@link CaseClocks#rto}). */
  private CaseReport.Rto rto(Map<String, Object> variables, List<HistoricActivityInstance> activities, String clientId,
      boolean closed) {
    Instant acceptedAt = Boolean.TRUE.equals(variables.get(ProcedureVariables.CLIENT_ACCEPTED))
        ? activities.stream().filter(a -> "clientAcceptance".equals(a.getActivityId()) && a.getEndTime() != null)
            .map(a -> a.getEndTime().toInstant()).reduce((first, last) -> last).orElse(null)
        : null;
    CaseClocks.RtoStatus rto = clocks.rto(clientId, variables.get(ProcedureVariables.RTO_HOURS),
        variables.get(ProcedureVariables.AGREED_AT), acceptedAt, closed,
        "unrecoverable".equals(variables.get(ProcedureVariables.APPROACH)),
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant());
    if (rto.agreedAt() == null) {
      return new CaseReport.Rto("notAgreed", 0, 0, 0, null, null, null);
    }
    return new CaseReport.Rto(rto.status(), rto.agreedHours(), rto.used().toMinutes() / 60.0,
        rto.breachedBy() == null ? 0 : rto.breachedBy().toMinutes() / 60.0, rto.agreedAt(), rto.deadline(), acceptedAt);
  }

  private static CaseReport.Rpo rpo(Map<String, Object> variables) {
    Long agreed = variables.get(ProcedureVariables.RPO_HOURS) instanceof Number n ? n.longValue() : null;
    Long lost = variables.get(ProcedureVariables.DATA_LOSS_HOURS) instanceof Number n ? n.longValue() : null;
    String status = agreed == null || lost == null ? "unknown" : (lost <= agreed ? "met" : "exceeded");
    return new CaseReport.Rpo(status, agreed, lost);
  }

  private List<CaseReport.Round> rounds(String processInstanceId) {
    List<String> issues = new ArrayList<>();
    for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(processInstanceId).variableUpdates()
        .orderByTime().asc().listPage(0, 2000)) {
      if (detail instanceof HistoricVariableUpdate update && ProcedureVariables.ACCEPTANCE_ISSUES.equals(update.getVariableName())
          && update.getValue() instanceof String text) {
        issues.add(text);
      }
    }
    List<CaseReport.Round> rounds = new ArrayList<>();
    int problemRound = 0;
    for (RoundRow row : roundRows(processInstanceId, "ACCEPTANCE")) {
      List<CaseReport.Test> tests = results.of(processInstanceId, row.number()).stream()
          .map(r -> new CaseReport.Test(r.testerName(), r.tested(), r.ok(), r.description())).toList();
      String roundIssues = null;
      if ("problems".equals(row.outcome())) {
        roundIssues = problemRound < issues.size() ? issues.get(problemRound) : null;
        problemRound++;
      }
      rounds.add(new CaseReport.Round(row.number(), row.outcome() == null ? "open" : row.outcome(), row.closedBy(), row.closedVia(),
          row.closedAt(), tests, roundIssues));
    }
    return rounds;
  }

  /**
   * What administrators changed outside the steps, from Camunda's user operation log (one entry per
   * operation, with its annotation as the reason). Changes Rebound itself makes are not there.
   */
  private List<CaseReport.MonitorAlert> alerts(String processInstanceId) {
    return caseAlerts.of(processInstanceId).stream().map(a -> new CaseReport.MonitorAlert((String) a.get("name"),
        (String) a.get("summary"), (String) a.get("status"), Boolean.TRUE.equals(a.get("openedTheCase")), (Instant) a.get("firstSeen"),
        (Instant) a.get("lastSeen"), (Integer) a.get("timesSeen"), (Instant) a.get("resolvedAt"))).toList();
  }

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

  /** A round as Rebound recorded it: who answered, how and when is this record, never a process variable. */
  private record RoundRow(int number, String outcome, String closedBy, String closedVia, Instant closedAt) {
    CaseReport.Round asRound() {
      return new CaseReport.Round(number, outcome == null ? "open" : outcome, closedBy, closedVia, closedAt, List.of(), null);
    }
  }

  private List<RoundRow> roundRows(String processInstanceId, String purpose) {
    return jdbc.query("SELECT round, outcome, closed_by, closed_via, closed_at FROM rebound_client_round "
        + "WHERE process_instance_id = ? AND purpose = ? ORDER BY round", (rs, n) -> new RoundRow(rs.getInt("round"),
            rs.getString("outcome"), rs.getString("closed_by"), rs.getString("closed_via"),
            rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant()), processInstanceId, purpose);
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
        + "WHERE case_number = ? ORDER BY LENGTH(id), id", (rs, n) -> {
          java.sql.Timestamp closedAt = rs.getTimestamp("closed_at");
          return new CaseReport.Action(rs.getString("what"), rs.getString("owner"), rs.getDate("due_date").toLocalDate().toString(),
              rs.getString("state"), rs.getString("closed_by"), closedAt == null ? null : closedAt.toInstant(), rs.getString("drop_reason"));
        }, caseNumber);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
