package com.rebound.intake;

import com.rebound.clocks.CaseClocks;
import static com.rebound.procedure.ProcedureVariables.ACCEPTANCE_ROUNDS;
import static com.rebound.procedure.ProcedureVariables.AGREED_AT;
import static com.rebound.procedure.ProcedureVariables.APPROACH;
import static com.rebound.procedure.ProcedureVariables.CASE_NUMBER;
import static com.rebound.procedure.ProcedureVariables.CLIENT_ACCEPTED;
import static com.rebound.procedure.ProcedureVariables.CLIENT_ID;
import static com.rebound.procedure.ProcedureVariables.CLIENT_NAME;
import static com.rebound.procedure.ProcedureVariables.DETECTED_AT;
import static com.rebound.procedure.ProcedureVariables.PROCESS_KEY;
import static com.rebound.procedure.ProcedureVariables.REPORTED_BY;
import static com.rebound.procedure.ProcedureVariables.RTO_BREACHED_AT;
import static com.rebound.procedure.ProcedureVariables.RTO_HOURS;
import static com.rebound.procedure.ProcedureVariables.RTO_WARNING_AT;
import static com.rebound.procedure.ProcedureVariables.SEVERITY;
import static com.rebound.procedure.ProcedureVariables.SUMMARY;

import com.rebound.clients.ClientDirectory;
import com.rebound.web.ApiProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;

/** Opens cases from reports and tells where each case stands, from the engine's runtime and history. */
@Service
class Incidents {

  /** Camunda's names of the activity types the timeline shows (an end event is a "noneEndEvent"). */
  private static final Set<String> TIMELINE_TYPES = Set.of("startEvent", "userTask", "noneEndEvent", "businessRuleTask", "serviceTask",
      "boundaryTimer", "intermediateTimer");

  private final RuntimeService runtime;
  private final HistoryService history;
  private final TaskService tasks;
  private final ClientDirectory clients;
  private final CaseClocks clocks;
  private final Validator validator;
  private final Clock clock;
  private final com.rebound.alerts.CaseAlerts alerts;

  Incidents(RuntimeService runtime, HistoryService history, TaskService tasks, ClientDirectory clients, CaseClocks clocks,
      Validator validator, Clock clock, com.rebound.alerts.CaseAlerts alerts) {
    this.alerts = alerts;
    this.clocks = clocks;
    this.runtime = runtime;
    this.history = history;
    this.tasks = tasks;
    this.clients = clients;
    this.validator = validator;
    this.clock = clock;
  }

  /** Starts a case; its number is given by the procedure (DR-year-number). */
  ProcessInstance open(IncidentReport report) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    for (ConstraintViolation<IncidentReport> v : validator.validate(report)) {
      problems.add(new ApiProblem.FieldProblem(v.getPropertyPath().toString().replaceAll("<[^>]*>", ""), v.getMessage()));
    }
    if (report.clientId() != null && !report.clientId().isBlank() && clients.activeClient(report.clientId()).isEmpty()) {
      problems.add(new ApiProblem.FieldProblem("clientId", "no active client '" + report.clientId() + "' (see /api/clients)"));
    }
    if (report.detectedAt() != null && report.detectedAt().toInstant().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
      problems.add(new ApiProblem.FieldProblem("detectedAt", "is in the future"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    VariableMap variables = Variables.createVariables()
        .putValue(CLIENT_ID, report.clientId())
        .putValue(SUMMARY, report.summary())
        .putValue(REPORTED_BY, report.reportedBy())
        .putValue(DETECTED_AT, Date.from(report.detectedAt() == null ? clock.instant() : report.detectedAt().toInstant()));
    if (report.affectedSystems() != null) {
      variables.putValue(com.rebound.procedure.ProcedureVariables.AFFECTED_SYSTEMS, SpinValues.jsonValue(toJsonArray(report.affectedSystems())).create());
    }
    return runtime.startProcessInstanceByKey(PROCESS_KEY, variables);
  }

  Map<String, Object> list(String clientId, String state, String severity, int page, int size) {
    HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY);
    if (clientId != null && !clientId.isBlank()) {
      query.variableValueEquals(CLIENT_ID, clientId);
    }
    if (severity != null && !severity.isBlank()) {
      query.variableValueEquals(SEVERITY, severity);
    }
    if ("open".equals(state)) {
      query.unfinished();
    } else if ("closed".equals(state)) {
      query.finished();
    } else if (state != null && !state.isBlank()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("state", "must be open or closed")));
    }
    long total = query.count();
    List<Map<String, Object>> items = new ArrayList<>();
    for (HistoricProcessInstance instance : query.orderByProcessInstanceStartTime().desc().listPage(page * size, size)) {
      Map<String, Object> v = variables(instance.getId());
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("caseNumber", instance.getBusinessKey());
      item.put("clientId", v.get(CLIENT_ID));
      item.put("clientName", v.get(CLIENT_NAME));
      item.put("summary", v.get(SUMMARY));
      item.put("severity", v.get(SEVERITY));
      item.put("state", instance.getEndTime() == null ? "open" : "closed");
      item.put("openedAt", instance.getStartTime().toInstant());
      items.add(item);
    }
    return Map.of("items", items, "page", page, "size", size, "total", total);
  }

  Map<String, Object> detail(String caseNumber) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(caseNumber).orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
        .orElseThrow(() -> ApiProblem.notFound("No case " + caseNumber + "."));
    Map<String, Object> v = variables(instance.getId());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("caseNumber", caseNumber);
    detail.put("processInstanceId", instance.getId());
    detail.put("state", instance.getEndTime() == null ? "open" : "closed");
    detail.put("client", Map.of("id", String.valueOf(v.get(CLIENT_ID)), "name", String.valueOf(v.get(CLIENT_NAME))));
    detail.put("summary", v.get(SUMMARY));
    detail.put("reportedBy", v.get(REPORTED_BY));
    detail.put("detectedAt", v.get(DETECTED_AT) instanceof Date d ? d.toInstant() : null);
    detail.put("severity", v.get(SEVERITY));
    detail.put("acceptanceRounds", v.getOrDefault(ACCEPTANCE_ROUNDS, 0L));
    detail.put("rto", rto(v, instance));
    detail.put("currentSteps", currentSteps(instance.getId()));
    detail.put("timeline", timeline(instance.getId()));
    // what the monitors said about it: the alert that opened it, the alerts attached since, resolved or still firing
    detail.put("alerts", alerts.of(instance.getId()));
    return detail;
  }

  /** The case against its agreed RTO, by the one rule the timers and the report follow ({@link CaseClocks#rto}). */
  private Map<String, Object> rto(Map<String, Object> v, HistoricProcessInstance instance) {
    Instant accepted = Boolean.TRUE.equals(v.get(CLIENT_ACCEPTED)) ? acceptedAt(instance.getId()) : null;
    CaseClocks.RtoStatus status = clocks.rto((String) v.get(CLIENT_ID), v.get(RTO_HOURS), v.get(AGREED_AT), accepted,
        instance.getEndTime() != null, "unrecoverable".equals(v.get(APPROACH)),
        // the engine's clock, the one its timers follow
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant());
    Map<String, Object> rto = new LinkedHashMap<>();
    rto.put("status", status.status());
    if (status.agreedAt() == null) {
      return rto;
    }
    rto.put("hours", status.agreedHours());
    rto.put("agreedAt", status.agreedAt());
    rto.put("deadline", status.deadline());
    rto.put("countsBusinessHours", status.businessHours());
    rto.put("usedMinutes", status.used().toMinutes());
    if (status.left() != null) {
      rto.put("minutesLeft", status.left().toMinutes());
    }
    if (status.breachedBy() != null) {
      rto.put("breachedByMinutes", status.breachedBy().toMinutes());
    }
    if (status.recoveredAt() != null) {
      rto.put("recoveredAt", status.recoveredAt());
    }
    if (v.get(RTO_WARNING_AT) instanceof Date warned) {
      rto.put("warningAt", warned.toInstant());
    }
    if (v.get(RTO_BREACHED_AT) instanceof Date breached) {
      rto.put("breachedAt", breached.toInstant());
    }
    return rto;
  }

  private Instant acceptedAt(String instanceId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).activityId("clientAcceptance").finished()
        .orderByHistoricActivityInstanceEndTime().desc().listPage(0, 1).stream().findFirst()
        .map(a -> a.getEndTime().toInstant()).orElse(null);
  }

  private List<Map<String, Object>> currentSteps(String instanceId) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceId(instanceId).listPage(0, 50)) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("step", task.getTaskDefinitionKey());
      step.put("name", task.getName());
      step.put("since", task.getCreateTime().toInstant());
      step.put("assignee", task.getAssignee());
      step.put("candidateGroups", tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(l -> l.getGroupId() != null).map(IdentityLink::getGroupId).toList());
      steps.add(step);
    }
    return steps;
  }

  private List<Map<String, Object>> timeline(String instanceId) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().listPage(0, 1000)) {
      if (!TIMELINE_TYPES.contains(a.getActivityType())) {
        continue;
      }
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("step", a.getActivityId());
      event.put("name", a.getActivityName());
      event.put("startedAt", a.getStartTime().toInstant());
      event.put("endedAt", a.getEndTime() == null ? null : a.getEndTime().toInstant());
      event.put("by", a.getAssignee());
      events.add(event);
    }
    return events;
  }

  private Map<String, Object> variables(String instanceId) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableNameIn(CASE_NUMBER, CLIENT_ID, CLIENT_NAME, SUMMARY, REPORTED_BY, DETECTED_AT, SEVERITY, ACCEPTANCE_ROUNDS,
            RTO_HOURS, AGREED_AT, CLIENT_ACCEPTED, RTO_WARNING_AT, RTO_BREACHED_AT, APPROACH).listPage(0, 100)) {
      values.put(variable.getName(), variable.getValue());
    }
    return values;
  }

  private static String toJsonArray(List<String> items) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(items);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
