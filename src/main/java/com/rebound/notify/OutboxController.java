package com.rebound.notify;

import com.rebound.web.Roles;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/outbox}: what Rebound has sent, will send, or failed to send (managers and
 * administrators: messages carry the client's links); a manager puts a FAILED message back in the queue.
 */
@RestController
@RequestMapping("/api/outbox")
class OutboxController {

  private static final List<String> READERS = Roles.MANAGERS_OR_ADMINISTRATORS;
  private final Outbox outbox;
  private final OutboxDispatcher dispatcher;
  private final CurrentUser currentUser;

  OutboxController(Outbox outbox, OutboxDispatcher dispatcher, CurrentUser currentUser) {
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.currentUser = currentUser;
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String caseNumber, @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    currentUser.requireAnyGroup(READERS);
    Outbox.Status wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = Outbox.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("status", "must be one of PENDING, SENT, FAILED, DISCARDED")));
      }
    }
    if (limit < 1 || limit > 500) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("limit", "must be between 1 and 500")));
    }
    List<Map<String, Object>> items = outbox.list(caseNumber, wanted, limit).stream().map(OutboxController::summary).toList();
    return Map.of("deliveryConfigured", dispatcher.deliveryConfigured(), "counts", outbox.counts(), "items", items);
  }

  @GetMapping("/{id}")
  Outbox.Entry get(@PathVariable long id) {
    currentUser.requireAnyGroup(READERS);
    return outbox.find(id).orElseThrow(() -> ApiProblem.notFound("No message " + id + " in the outbox."));
  }

  /**
   * The message as its recipient sees it, for the outbox page's frame: a mail carries its styles inline,
   * and the page's policy allows exactly those (their hashes), not inline styles in general.
   */
  @GetMapping(value = "/{id}/preview", produces = "text/html")
  org.springframework.http.ResponseEntity<String> preview(@PathVariable long id, jakarta.servlet.http.HttpServletResponse response) {
    currentUser.requireAnyGroup(READERS);
    Outbox.Entry entry = outbox.find(id).orElseThrow(() -> ApiProblem.notFound("No message " + id + " in the outbox."));
    // these replace the general headers (two policies would both apply)
    response.setHeader("Content-Security-Policy", com.rebound.security.StylePolicy.of(entry.body(), true));
    response.setHeader("X-Frame-Options", "SAMEORIGIN");
    return org.springframework.http.ResponseEntity.ok()
        .contentType(new org.springframework.http.MediaType(org.springframework.http.MediaType.TEXT_HTML,
            java.nio.charset.StandardCharsets.UTF_8))
        .body(entry.body());
  }

  @PostMapping("/{id}/retry")
  Outbox.Entry retry(@PathVariable long id) {
    currentUser.requireAnyGroup(List.of(Roles.MANAGERS));
    Outbox.Entry entry = outbox.find(id).orElseThrow(() -> ApiProblem.notFound("No message " + id + " in the outbox."));
    if (!outbox.retry(id)) {
      throw ApiProblem.conflict("Message " + id + " is " + entry.status() + "; only FAILED messages can be retried.");
    }
    return outbox.find(id).orElseThrow();
  }

  /** A manager keeps a message from being sent (out of date, or a trial's): PENDING or FAILED only; who and when are kept. */
  @PostMapping("/{id}/discard")
  Outbox.Entry discard(@PathVariable long id) {
    currentUser.requireAnyGroup(List.of(Roles.MANAGERS));
    Outbox.Entry entry = outbox.find(id).orElseThrow(() -> ApiProblem.notFound("No message " + id + " in the outbox."));
    if (!outbox.discard(id, "discarded by " + currentUser.userId() + " at " + java.time.Instant.now())) {
      throw ApiProblem.conflict("Message " + id + " is " + entry.status() + "; only PENDING or FAILED messages can be discarded.");
    }
    return outbox.find(id).orElseThrow();
  }

  private static Map<String, Object> summary(Outbox.Entry e) {
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("id", e.id());
    row.put("kind", e.kind());
    row.put("caseNumber", e.caseNumber());
    row.put("recipients", e.recipients());
    row.put("language", e.language());
    row.put("subject", e.subject());
    row.put("attachment", e.attachment());
    row.put("status", e.status());
    row.put("attempts", e.attempts());
    row.put("nextAttemptAt", e.nextAttemptAt());
    row.put("lastError", e.lastError());
    row.put("createdAt", e.createdAt());
    row.put("sentAt", e.sentAt());
    return row;
  }
}
