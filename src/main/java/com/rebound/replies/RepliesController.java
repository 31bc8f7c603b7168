package com.rebound.replies;

import com.rebound.security.CurrentUser;
import com.rebound.web.ApiProblem;
import com.rebound.web.Roles;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conversation with the client: {@code /api/cases/{caseNumber}/messages} (read by staff, answered by staff through the
 * outbox), the managers' inbox of replies with no case or from an unknown sender ({@code /api/client-messages/inbox}: attach
 * to a case or drop), and the replies' attachments (staff only, always downloaded, never shown inline).
 */
@RestController
class RepliesController {

  private static final List<String> STAFF = List.of(Roles.TECHNICIANS, Roles.MANAGERS, Roles.ADMINISTRATORS);

  record Answer(String text) {
  }

  record Attach(String caseNumber) {
  }

  private final ClientReplies replies;
  private final CurrentUser currentUser;

  RepliesController(ClientReplies replies, CurrentUser currentUser) {
    this.replies = replies;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/cases/{caseNumber}/messages")
  Map<String, Object> ofCase(@PathVariable String caseNumber) {
    currentUser.requireAnyGroup(STAFF);
    return Map.of("caseNumber", caseNumber, "messages", replies.read(caseNumber));
  }

  @PostMapping("/api/cases/{caseNumber}/messages")
  Map<String, Object> answer(@PathVariable String caseNumber, @RequestBody(required = false) Answer answer) {
    currentUser.requireAnyGroup(STAFF);
    return replies.answer(caseNumber, answer == null ? null : answer.text(), currentUser.userId());
  }

  @GetMapping("/api/client-messages/inbox")
  Map<String, Object> inbox() {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    return Map.of("messages", replies.inbox());
  }

  @PostMapping("/api/client-messages/{id}/attach")
  Map<String, Object> attach(@PathVariable long id, @RequestBody(required = false) Attach attach) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    if (attach == null || attach.caseNumber() == null || attach.caseNumber().isBlank()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("caseNumber", "is required: the case the message belongs to")));
    }
    return replies.decide(id, attach.caseNumber().trim(), currentUser.userId());
  }

  @PostMapping("/api/client-messages/{id}/drop")
  Map<String, Object> drop(@PathVariable long id) {
    currentUser.requireAnyGroup(Roles.MANAGERS_OR_ADMINISTRATORS);
    return replies.decide(id, null, currentUser.userId());
  }

  @GetMapping("/api/client-messages/{id}/attachments/{attachmentId}")
  ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long attachmentId) {
    currentUser.requireAnyGroup(STAFF);
    IncomingMail.Attachment a = replies.attachment(id, attachmentId)
        .orElseThrow(() -> ApiProblem.notFound("No attachment " + attachmentId + " of message " + id + "."));
    if (a.content() == null) {
      throw ApiProblem.conflict("Attachment " + a.fileName() + " was not kept: " + a.refused());
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header("Content-Disposition", ContentDisposition.attachment().filename(a.fileName(), java.nio.charset.StandardCharsets.UTF_8)
            .build().toString())
        .header("X-Content-Type-Options", "nosniff").body(a.content());
  }
}
