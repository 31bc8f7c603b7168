package com.rebound.legal;

import com.rebound.casebook.CaseBook;
import com.rebound.casebook.CaseView;
import com.rebound.security.CurrentUser;
import com.rebound.web.ApiProblem;
import com.rebound.web.Roles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/legal}: the open legal deadlines across cases (soonest first), a case's legal timeline, raising a legal fact
 * from the case's page (technicians and managers), moving the moment of awareness (managers only, with a reason), and the
 * draft notification as HTML or PDF.
 */
@RestController
class LegalController {

  private static final List<String> STAFF = List.of(Roles.TECHNICIANS, Roles.MANAGERS, Roles.ADMINISTRATORS);

  /** Facts a person raises on the case's page (true raises; false or absent changes nothing). */
  record Raise(Boolean personalDataAffected, Boolean highRiskToPeople, Boolean significantIncident, Boolean majorIncident) {
  }

  /** A manager's move of the moment of awareness. */
  record Move(String awareAt, String reason) {
  }

  /** Cases a manager links to one cause of the provider's own; significant (NIS2) unless said otherwise. */
  record Link(String cause, List<String> caseNumbers, Boolean significant, String awareAt) {
  }

  /** A case joining a shared cause. */
  record Join(String caseNumber) {
  }

  private final LegalClocks clocks;
  private final SharedCauses sharedCauses;
  private final LegalObligations obligations;
  private final LegalDrafts drafts;
  private final CaseBook cases;
  private final CurrentUser currentUser;
  private final HistoryService history;
  private final TransactionTemplate transaction;

  LegalController(LegalClocks clocks, SharedCauses sharedCauses, LegalObligations obligations, LegalDrafts drafts, CaseBook cases, CurrentUser currentUser,
      HistoryService history, org.springframework.transaction.PlatformTransactionManager transactions) {
    this.clocks = clocks;
    this.sharedCauses = sharedCauses;
    this.obligations = obligations;
    this.drafts = drafts;
    this.cases = cases;
    this.currentUser = currentUser;
    this.history = history;
    this.transaction = new TransactionTemplate(transactions);
  }

  @GetMapping("/api/legal/obligations")
  Map<String, Object> list(@RequestParam(defaultValue = "open") String state, @RequestParam(name = "case", required = false) String caseNumber,
      @RequestParam(required = false) String client) {
    currentUser.requireAnyGroup(STAFF);
    if (!List.of("open", "closed", "all").contains(state)) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("state", "must be open, closed or all")));
    }
    return Map.of("items", obligations.list(blank(caseNumber), blank(client), state, 500), "now", ClockUtil.getCurrentTime().toInstant());
  }

  /** The counts of every obligation, or of those due from one day to another (both included) and of one client. */
  @GetMapping("/api/legal/summary")
  Map<String, Object> summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String client) {
    currentUser.requireAnyGroup(STAFF);
    return obligations.summary(day(from, "from", 0), day(to, "to", 1), blank(client));
  }

  private static Instant day(String value, String field, int plusDays) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(field, "must be a day such as 2026-12-07")));
    }
  }

  @GetMapping("/api/legal/cases/{caseNumber}")
  Map<String, Object> ofCase(@PathVariable String caseNumber) {
    currentUser.requireAnyGroup(STAFF);
    caseOrSet(caseNumber);
    return legal(caseNumber);
  }

  @PostMapping("/api/legal/shared-causes")
  ResponseEntity<Map<String, Object>> link(@RequestBody(required = false) Link link) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    if (link == null) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("cause", "is required, with caseNumbers: the cases that share it")));
    }
    Map<String, Object> set = sharedCauses.link(link.cause(), link.caseNumbers(), !Boolean.FALSE.equals(link.significant()),
        moment(link.awareAt()), currentUser.userId());
    return ResponseEntity.status(201).body(legal((String) set.get("id")));
  }

  @PostMapping("/api/legal/shared-causes/{id}/cases")
  Map<String, Object> join(@PathVariable String id, @RequestBody(required = false) Join join) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    sharedCauses.join(id, join == null ? null : join.caseNumber(), currentUser.userId());
    return legal(id);
  }

  @PostMapping("/api/legal/cases/{caseNumber}/facts")
  Map<String, Object> raise(@PathVariable String caseNumber, @RequestBody(required = false) Raise raise) {
    currentUser.requireAnyGroup(STAFF);
    CaseView view = caseView(caseNumber);
    if (raise == null) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("personalDataAffected",
          "send at least one fact raised: personalDataAffected, highRiskToPeople, significantIncident or majorIncident (true)")));
    }
    Facts facts = new Facts(Boolean.TRUE.equals(raise.personalDataAffected()), Boolean.TRUE.equals(raise.highRiskToPeople()),
        Boolean.TRUE.equals(raise.significantIncident()), Boolean.TRUE.equals(raise.majorIncident()));
    if (!facts.any()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("personalDataAffected",
          "send at least one fact raised: personalDataAffected, highRiskToPeople, significantIncident or majorIncident (true)")));
    }
    String by = currentUser.userId();
    transaction.executeWithoutResult(status -> clocks.raise(facts, by, "the case's page", caseVariables(view)));
    return legal(caseNumber);
  }

  @PutMapping("/api/legal/cases/{caseNumber}/awareness")
  Map<String, Object> move(@PathVariable String caseNumber, @RequestBody(required = false) Move move) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    caseOrSet(caseNumber);
    Instant at = moment(move == null ? null : move.awareAt());
    String by = currentUser.userId();
    transaction.executeWithoutResult(status -> clocks.moveAwareness(caseNumber, at, move == null ? null : move.reason(), by));
    return legal(caseNumber);
  }

  @GetMapping(value = "/api/legal/obligations/{id}/draft", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> draftHtml(@PathVariable String id) {
    currentUser.requireAnyGroup(STAFF);
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(drafts.html(draft(id)));
  }

  @GetMapping(value = "/api/legal/obligations/{id}/draft.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> draftPdf(@PathVariable String id) {
    currentUser.requireAnyGroup(STAFF);
    return ResponseEntity.ok().header("Content-Disposition", "inline; filename=\"" + id + "-draft.pdf\"")
        .contentType(MediaType.APPLICATION_PDF).body(drafts.pdf(draft(id)));
  }

  private Map<String, Object> draft(String id) {
    Map<String, Object> obligation = obligations.find(id).orElseThrow(() -> ApiProblem.notFound("No legal obligation '" + id + "'."));
    return drafts.variables((String) obligation.get("processInstanceId"))
        .orElseThrow(() -> ApiProblem.notFound("Legal obligation '" + id + "' has no draft."));
  }

  private static Instant moment(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("awareAt",
          "must be a date-time with its offset, e.g. 2026-12-07T09:30:00+01:00")));
    }
  }

  /** A case's (or a shared cause's) legal state; a case linked to a shared cause shows the set's too. */
  private Map<String, Object> legal(String caseNumber) {
    Map<String, Object> legal = new LinkedHashMap<>();
    legal.put("caseNumber", caseNumber);
    legal.put("awareness", clocks.awareness(caseNumber).orElse(null));
    legal.put("obligations", obligations.list(caseNumber, null, "all", 100));
    legal.put("timeline", obligations.events(caseNumber));
    sharedCauses.find(caseNumber).ifPresent(set -> legal.put("cases", set.get("cases")));
    sharedCauses.linkedTo(caseNumber).flatMap(sharedCauses::find).ifPresent(set -> {
      Map<String, Object> shared = new LinkedHashMap<>(set);
      shared.put("awareness", clocks.awareness((String) set.get("id")).orElse(null));
      shared.put("obligations", obligations.list((String) set.get("id"), null, "all", 100));
      legal.put("sharedCause", shared);
    });
    return legal;
  }

  /** A case, or a shared cause (SC-...), or a 404. */
  private void caseOrSet(String caseNumber) {
    if (sharedCauses.find(caseNumber).isEmpty()) {
      caseView(caseNumber);
    }
  }

  private CaseView caseView(String caseNumber) {
    return cases.view(caseNumber, ClockUtil.getCurrentTime().toInstant())
        .orElseThrow(() -> ApiProblem.notFound("No case '" + caseNumber + "'."));
  }

  /** The case's variables as they stand (running or ended), read by Rebound for the drafts. */
  private Map<String, Object> caseVariables(CaseView view) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance v : currentUser.asRebound(() -> history.createHistoricVariableInstanceQuery()
        .processInstanceId(view.processInstanceId()).list())) {
      if (v.getTaskId() == null && view.processInstanceId().equals(v.getExecutionId())) {
        variables.put(v.getName(), v.getValue());
      }
    }
    variables.put(com.rebound.procedure.ProcedureVariables.CASE_NUMBER, view.caseNumber());
    variables.put(com.rebound.procedure.ProcedureVariables.CLIENT_ID, view.client().id());
    variables.put(com.rebound.procedure.ProcedureVariables.CLIENT_NAME, view.client().name());
    return variables;
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
