package com.rebound.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/session}: who is logged in, with which groups, and (for a webapps session) the
 * CSRF token that Rebound's own pages send back with their changes. Only the same site's pages can
 * read the answer.
 */
@RestController
class SessionController {

  private final IdentityService identity;

  SessionController(IdentityService identity) {
    this.identity = identity;
  }

  @GetMapping("/api/session")
  Map<String, Object> session(HttpServletRequest request) {
    Authentication current = identity.getCurrentAuthentication();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", current.getUserId());
    body.put("groups", current.getGroupIds());
    HttpSession session = request.getSession(false);
    Object token = session == null ? null : session.getAttribute("CAMUNDA_CSRF_TOKEN");
    if (token != null) {
      body.put("csrfToken", token);
    }
    return body;
  }
}
