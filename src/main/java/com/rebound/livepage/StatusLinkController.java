package com.rebound.livepage;

import com.rebound.acceptance.ClientLinks;
import com.rebound.acceptance.Purpose;

import com.rebound.casebook.CaseBook;
import com.rebound.security.CurrentUser;
import com.rebound.web.ApiProblem;
import com.rebound.web.Roles;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/cases/{caseNumber}/status-links/revoke}: a manager withdraws every live-page link a case's client was sent. */
@RestController
class StatusLinkController {

  private final StatusLinks links;
  private final CaseBook cases;
  private final CurrentUser currentUser;
  private final java.time.Clock clock;

  StatusLinkController(StatusLinks links, CaseBook cases, CurrentUser currentUser, java.time.Clock clock) {
    this.clock = clock;
    this.links = links;
    this.cases = cases;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/cases/{caseNumber}/status-links/revoke")
  Map<String, Object> revoke(@PathVariable String caseNumber) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    cases.view(caseNumber, clock.instant()).orElseThrow(() -> ApiProblem.notFound("No case '" + caseNumber + "'."));
    return Map.of("caseNumber", caseNumber, "revoked", links.revoke(caseNumber));
  }
}
