package com.rebound.clients;

import com.rebound.web.Roles;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/clients}: every logged-in user reads client profiles; managers and administrators
 * create, change, deactivate and reactivate them. There is no delete: cases keep referring to
 * their client.
 */
@RestController
@RequestMapping("/api/clients")
class ClientController {

  private static final List<String> EDITORS = Roles.MANAGERS_OR_ADMINISTRATORS;
  private final ClientService clients;
  private final CurrentUser currentUser;

  ClientController(ClientService clients, CurrentUser currentUser) {
    this.clients = clients;
    this.currentUser = currentUser;
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String search, @RequestParam(required = false) Boolean active,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(page < 0 ? "page" : "size",
          page < 0 ? "must be 0 or more" : "must be between 1 and 200")));
    }
    ClientRepository.Page found = clients.list(search, active, page, size);
    return Map.of("items", found.items(), "page", found.page(), "size", found.size(), "total", found.total());
  }

  @GetMapping("/{id}")
  Client get(@PathVariable String id) {
    return clients.find(id).orElseThrow(() -> ApiProblem.notFound("No client '" + id + "'."));
  }

  @PostMapping
  ResponseEntity<Client> create(@RequestBody Client client) {
    currentUser.requireAnyGroup(EDITORS);
    Client created = clients.create(client);
    return ResponseEntity.created(URI.create("/api/clients/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  Client update(@PathVariable String id, @RequestBody Client client) {
    currentUser.requireAnyGroup(EDITORS);
    return clients.update(id, client);
  }

  @PostMapping("/{id}/deactivate")
  Client deactivate(@PathVariable String id) {
    currentUser.requireAnyGroup(EDITORS);
    return clients.setActive(id, false);
  }

  @PostMapping("/{id}/activate")
  Client activate(@PathVariable String id) {
    currentUser.requireAnyGroup(EDITORS);
    return clients.setActive(id, true);
  }
}
