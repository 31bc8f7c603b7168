package com.rebound.intake;

import static com.rebound.procedure.ProcedureVariables.AFFECTED_SYSTEMS;
import static com.rebound.procedure.ProcedureVariables.CLIENT_ID;
import static com.rebound.procedure.ProcedureVariables.DETECTED_AT;
import static com.rebound.procedure.ProcedureVariables.PROCESS_KEY;
import static com.rebound.procedure.ProcedureVariables.REPORTED_BY;
import static com.rebound.procedure.ProcedureVariables.SUMMARY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.casebook.CaseBook;
import com.rebound.casebook.CaseView;
import com.rebound.clients.ClientDirectory;
import com.rebound.web.ApiProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;

/** Opens cases from reports; where each case stands is the case book's view ({@link CaseBook}). */
@Service
class Incidents {

  private final RuntimeService runtime;
  private final ClientDirectory clients;
  private final Validator validator;
  private final Clock clock;
  private final CaseBook book;
  private final ObjectMapper json;

  Incidents(RuntimeService runtime, ClientDirectory clients, Validator validator, Clock clock, CaseBook book,
      ObjectMapper json) {
    this.book = book;
    this.json = json;
    this.runtime = runtime;
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
    if (Boolean.TRUE.equals(report.personalDataAffected())) {
      variables.putValue(com.rebound.procedure.ProcedureVariables.PERSONAL_DATA_AFFECTED, true);
    }
    if (report.affectedSystems() != null) {
      variables.putValue(AFFECTED_SYSTEMS, SpinValues.jsonValue(toJsonArray(report.affectedSystems())).create());
    }
    return runtime.startProcessInstanceByKey(PROCESS_KEY, variables);
  }

  /** A page of cases, newest first, from the case book, in the shape this API has always given. */
  Map<String, Object> list(String clientId, String state, String severity, int page, int size) {
    CaseBook.Listing listing = book.list(clientId, severity, state, page, size, ClockUtil.getCurrentTime().toInstant());
    List<Map<String, Object>> items = new ArrayList<>();
    for (CaseView view : listing.items()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("caseNumber", view.caseNumber());
      item.put("clientId", view.client() == null ? null : view.client().id());
      item.put("clientName", view.client() == null ? null : view.client().name());
      item.put("summary", view.summary());
      item.put("severity", view.severity());
      item.put("state", view.state());
      item.put("openedAt", view.openedAt());
      items.add(item);
    }
    return Map.of("items", items, "page", page, "size", size, "total", listing.total());
  }

  /** A case as every door shows it (the one view of the case book). */
  CaseView detail(String caseNumber) {
    return book.view(caseNumber, ClockUtil.getCurrentTime().toInstant())
        .orElseThrow(() -> ApiProblem.notFound("No case " + caseNumber + "."));
  }

  private String toJsonArray(List<String> items) {
    try {
      return json.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
