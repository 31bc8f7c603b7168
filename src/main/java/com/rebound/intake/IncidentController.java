package com.rebound.intake;

import com.rebound.casebook.CaseView;
import com.rebound.web.ApiProblem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/incidents}: report a disaster (a case opens with its number), list cases, and see
 * where one stands. The engine's authorizations apply: the caller must be allowed to start and to
 * read cases.
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

  private final Incidents incidents;

  IncidentController(Incidents incidents) {
    this.incidents = incidents;
  }

  @PostMapping
  ResponseEntity<Map<String, String>> report(@RequestBody IncidentReport report) {
    ProcessInstance opened = incidents.open(report);
    String caseNumber = opened.getBusinessKey();
    return ResponseEntity.created(URI.create("/api/incidents/" + caseNumber))
        .body(Map.of("caseNumber", caseNumber, "processInstanceId", opened.getId()));
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String clientId, @RequestParam(required = false) String state,
      @RequestParam(required = false) String severity, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(page < 0 ? "page" : "size",
          page < 0 ? "must be 0 or more" : "must be between 1 and 200")));
    }
    return incidents.list(clientId, state, severity, page, size);
  }

  @GetMapping("/{caseNumber}")
  CaseView detail(@PathVariable String caseNumber) {
    return incidents.detail(caseNumber);
  }
}
