package com.rebound.alerts;

import com.rebound.web.Roles;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alert webhooks: {@code POST /api/alerts/alertmanager} (Alertmanager's payload, as it sends it) and
 * {@code POST /api/alerts} (the generic format), both with an integration's token; and {@code GET /api/alerts}
 * for managers: every alert received and what was done with it (e.g. {@code ?decision=unmatched}), and
 * {@code POST /api/alerts/{id}/assign} to place an unmatched or held alert with a client.
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

  private static final Set<String> DECISIONS = Set.of("opened", "attached", "resolved", "ignored", "held", "unmatched");

  /** A manager's choice of client for an alert Rebound could not place. */
  record Placement(String clientId) {
  }

  private final AlertIntake intake;
  private final AlertLedger ledger;
  private final AlertAssignment assignment;
  private final CurrentUser currentUser;

  AlertController(AlertIntake intake, AlertLedger ledger, AlertAssignment assignment, CurrentUser currentUser) {
    this.intake = intake;
    this.ledger = ledger;
    this.assignment = assignment;
    this.currentUser = currentUser;
  }

  @PostMapping("/alertmanager")
  Map<String, Object> alertmanager(@RequestBody AlertmanagerNotification notification, HttpServletRequest request) {
    Integration integration = integration(request);
    return answer(intake.receive(integration, AlertReading.alertmanager(notification, integration)));
  }

  @PostMapping
  Map<String, Object> generic(@RequestBody GenericAlert alert, HttpServletRequest request) {
    Integration integration = integration(request);
    return answer(intake.receive(integration, AlertReading.generic(alert, integration)));
  }

  @GetMapping
  Map<String, Object> received(@RequestParam(required = false) String decision, @RequestParam(required = false) String clientId,
      @RequestParam(defaultValue = "100") int limit) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    if (decision != null && !DECISIONS.contains(decision)) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("decision",
          "must be one of opened, attached, resolved, ignored, held, unmatched")));
    }
    if (limit < 1 || limit > 500) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("limit", "must be between 1 and 500")));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("counts", ledger.countsByDecision());
    answer.put("items", ledger.received(decision, clientId == null || clientId.isBlank() ? null : clientId, limit));
    return answer;
  }

  /** An unmatched or held alert placed with a client by a manager: it joins the client's open case of its outage, or opens one. */
  @PostMapping("/{id}/assign")
  AlertAssignment.Placed assign(@PathVariable long id, @RequestBody Placement placement) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    return assignment.assign(id, placement.clientId(), currentUser.userId());
  }

  private static Integration integration(HttpServletRequest request) {
    if (!(request.getAttribute(Integration.ATTRIBUTE) instanceof Integration integration)) {
      // the token filter guards these doors; never reached without it
      throw new IllegalStateException("alert received without an integration token check");
    }
    return integration;
  }

  private static Map<String, Object> answer(AlertIntake.Outcome outcome) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("received", outcome.received());
    answer.put("decisions", outcome.decisions());
    answer.put("openedCases", outcome.openedCases());
    return answer;
  }
}
