package com.rebound.alerts;

import com.rebound.web.Roles;
import com.rebound.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/integrations} (managers): create an integration (its token is in the answer, once), list them
 * (never a token: its first characters as a hint), revoke one ({@code DELETE}: it stops working at once).
 */
@RestController
@RequestMapping("/api/integrations")
class IntegrationController {

  private static final List<String> MANAGERS = Roles.MANAGERS_OR_ADMINISTRATORS;
  private final Integrations integrations;
  private final CurrentUser currentUser;

  IntegrationController(Integrations integrations, CurrentUser currentUser) {
    this.integrations = integrations;
    this.currentUser = currentUser;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody Integrations.Request request, HttpServletRequest http) {
    currentUser.requireAnyGroup(MANAGERS);
    Integrations.Created created = integrations.create(request, http.getRemoteUser());
    Map<String, Object> body = view(created.integration());
    body.put("token", created.token());
    body.put("tokenNote", "Shown once: Rebound keeps only a hash. Give it to the monitor as Authorization: Bearer <token>.");
    return ResponseEntity.created(URI.create("/api/integrations/" + created.integration().id())).body(body);
  }

  @GetMapping
  List<Map<String, Object>> list() {
    currentUser.requireAnyGroup(MANAGERS);
    return integrations.list().stream().map(IntegrationController::view).toList();
  }

  @DeleteMapping("/{id}")
  Map<String, Object> revoke(@PathVariable String id, HttpServletRequest http) {
    currentUser.requireAnyGroup(MANAGERS);
    return view(integrations.revoke(id, http.getRemoteUser()));
  }

  static Map<String, Object> view(Integration integration) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", integration.id());
    view.put("name", integration.name());
    view.put("allClients", integration.allClients());
    view.put("clients", integration.clients());
    view.put("clientLabel", integration.clientLabel());
    view.put("tokenHint", integration.tokenHint());
    view.put("createdBy", integration.createdBy());
    view.put("createdAt", integration.createdAt());
    view.put("state", integration.revoked() ? "revoked" : "active");
    view.put("revokedBy", integration.revokedBy());
    view.put("revokedAt", integration.revokedAt());
    view.put("lastUsedAt", integration.lastUsedAt());
    return view;
  }
}
