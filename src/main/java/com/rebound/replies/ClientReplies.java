package com.rebound.replies;

import com.rebound.casebook.CaseBook;
import com.rebound.casebook.CaseView;
import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.notify.MailThreading;
import com.rebound.notify.MessageKind;
import com.rebound.notify.Notifications;
import com.rebound.notify.Outbox;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.settings.ReboundSettings;
import com.rebound.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversation of a case with its client by e-mail: a reply read from the support mailbox is recorded once (its
 * Message-ID), on its case when it answers one of the case's mails (In-Reply-To / References) or names the case in its
 * subject and comes from a known contact of that client; then whoever holds the case's step is told, once. Anything else
 * waits in the managers' inbox (attach to a case, or drop). Automatic replies and loops are recorded, nobody told. A staff's
 * answer from the case page goes through the outbox, threaded to the client's last message.
 */
@Service
public class ClientReplies implements MailThreading {

  private static final Pattern CASE_IN_SUBJECT = Pattern.compile("\\bDR-\\d{4}-\\d{4,}\\b");

  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final CaseBook cases;
  private final ClientService clients;
  private final Notifications notifications;
  private final Clock clock;
  private final String ourAddress;
  private final org.camunda.bpm.engine.RuntimeService runtime;
  private final com.rebound.security.CurrentUser currentUser;
  private final org.springframework.transaction.support.TransactionTemplate afterwards;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientReplies.class);
  private final org.springframework.context.MessageSource messages;
  /** The note is read by the staff in the case's forms: in the installation's staff language, like the staff mails. */
  private final Locale staffLocale;

  ClientReplies(JdbcTemplate jdbc, Outbox outbox, CaseBook cases, ClientService clients, Notifications notifications, Clock clock,
      ReboundSettings settings, org.camunda.bpm.engine.RuntimeService runtime, com.rebound.security.CurrentUser currentUser,
      org.springframework.transaction.PlatformTransactionManager transactions, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.staffLocale = Locale.forLanguageTag(settings.staffLanguage());
    this.afterwards = new org.springframework.transaction.support.TransactionTemplate(transactions);
    this.afterwards.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.runtime = runtime;
    this.currentUser = currentUser;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.cases = cases;
    this.clients = clients;
    this.notifications = notifications;
    this.clock = clock;
    String from = settings.mail().from() == null ? "" : settings.mail().from();
    Matcher address = Pattern.compile("[^<\\s]+@[^>\\s]+").matcher(from);
    this.ourAddress = address.find() ? address.group().toLowerCase(Locale.ROOT) : "";
  }

  /** Records one message read from the folder, and where the reading stands, in one transaction; false if known already. */
  @Transactional
  public boolean record(IncomingMail mail, String folder, long uidValidity, long uid) {
    String messageId = mail.messageId() != null && !mail.messageId().isBlank() ? clip(mail.messageId(), 500)
        : "<uid." + uidValidity + "." + uid + "@imap>";
    advance(folder, uidValidity, uid);
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_client_message WHERE message_id = ?", Integer.class, messageId);
    if (known != null && known > 0) {
      return false;
    }
    Optional<CaseView> found = caseOf(mail);
    String state;
    String reason = null;
    if (ourAddress.equals(mail.fromAddress())) {
      state = "autoReply";
      reason = "a loop: sent by Rebound's own address";
    } else if (mail.automatic()) {
      state = "autoReply";
      reason = "an automatic reply (out of office, bulk or auto-submitted)";
    } else if (found.isEmpty()) {
      state = "unmatched";
      reason = "it answers no mail of a case and names no case";
    } else if (!knownContacts(found.get()).contains(mail.fromAddress())) {
      state = "unmatched";
      reason = "the sender " + mail.fromAddress() + " is no contact of " + found.get().client().name();
    } else {
      state = "attached";
    }
    if (!mail.problems().isEmpty()) {
      reason = (reason == null ? "" : reason + "; ") + "read as far as readable: " + String.join("; ", mail.problems());
    }
    Instant now = clock.instant();
    jdbc.update("INSERT INTO rebound_client_message (message_id, direction, case_number, state, from_address, from_name, subject, body, "
      + "in_reply_to, received_at, reason) VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?)", messageId,
      found.map(CaseView::caseNumber).orElse(null), state, clip(mail.fromAddress(), 320), clip(mail.fromName(), 200),
      clip(mail.subject(), 500), clip(mail.text(), 20000), mail.answers().isEmpty() ? null : clip(mail.answers().get(0), 500),
      Timestamp.from(now), clip(reason, 500));
    long id = jdbc.queryForObject("SELECT id FROM rebound_client_message WHERE message_id = ?", Long.class, messageId);
    for (IncomingMail.Attachment a : mail.attachments()) {
      jdbc.update("INSERT INTO rebound_client_attachment (message, file_name, content_type, size_bytes, content, refused) "
          + "VALUES (?, ?, ?, ?, ?, ?)", id, clip(a.fileName(), 300), clip(a.contentType(), 200), a.size(), a.content(), a.refused());
    }
    if ("attached".equals(state)) {
      tell(found.get(), id, mail);
    }
    return true;
  }

  /** The variable the case's forms show in their header: how many of the client's messages nobody has read yet. */
  static final String NOTE = "clientMessagesNote";

  /**
   * The case's forms say how many of the client's replies are unread (none: nothing), written by Rebound itself once the
   * transaction that changed them committed, in one of its own: the note is advisory, so a concurrent write to the case (a
   * step completed, the other node's note) never fails the reading or the recording of a reply; the next change writes it again.
   */
  private void note(CaseView c) {
    if (c.closedAt() != null) {
      return;
    }
    Runnable write = () -> {
      try {
        afterwards.executeWithoutResult(status -> {
          Integer unread = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_client_message WHERE case_number = ? AND direction = 'in' "
              + "AND state = 'attached' AND read_at IS NULL", Integer.class, c.caseNumber());
          String note = unread == null || unread == 0 ? "" : messages.getMessage("replies.unreadNote", new Object[] {unread}, staffLocale);
          currentUser.asRebound(() -> {
            if (runtime.createProcessInstanceQuery().processInstanceId(c.processInstanceId()).count() > 0) {
              runtime.setVariable(c.processInstanceId(), NOTE, note);
            }
            return null;
          });
        });
      } catch (RuntimeException concurrentWrite) {
        LOG.debug("The unread-replies note of {} was not written this time: {}", c.caseNumber(), concurrentWrite.toString());
      }
    };
    if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
      org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
          new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCommit() {
              write.run();
            }
          });
    } else {
      write.run();
    }
  }

  /** Staff read the case's conversation: its replies are read, and the forms' header says so. */
  @Transactional
  public List<Map<String, Object>> read(String caseNumber) {
    int marked = jdbc.update("UPDATE rebound_client_message SET read_at = ? WHERE case_number = ? AND direction = 'in' "
        + "AND read_at IS NULL", Timestamp.from(clock.instant()), caseNumber);
    if (marked > 0) {
      cases.view(caseNumber, clock.instant()).ifPresent(this::note);
    }
    return ofCase(caseNumber);
  }

  /** Whoever holds the case's open steps is told, once per reply; the case's forms count the unread replies. */
  private void tell(CaseView c, long id, IncomingMail mail) {
    note(c);
    Set<String> holders = new LinkedHashSet<>();
    c.currentSteps().stream().map(CaseView.Step::assignee).filter(a -> a != null).forEach(holders::add);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProcedureVariables.CASE_NUMBER, c.caseNumber());
    variables.put(ProcedureVariables.CLIENT_ID, c.client().id());
    variables.put(ProcedureVariables.CLIENT_NAME, c.client().name());
    Map<String, Object> extra = new HashMap<>();
    extra.put("fromName", mail.fromName());
    extra.put("fromAddress", mail.fromAddress());
    extra.put("replyText", clip(mail.text(), 2000));
    for (String user : holders) {
      notifications.toUserOutsideAStep(MessageKind.clientReplied, user, variables, c.processInstanceId(),
          MessageKind.clientReplied + ":" + id + ":" + user, extra);
    }
  }

  private Optional<CaseView> caseOf(IncomingMail mail) {
    Instant now = clock.instant();
    for (String answered : mail.answers()) {
      Optional<String> number = outbox.caseOfMessageId(answered);
      if (number.isPresent()) {
        return cases.view(number.get(), now);
      }
    }
    if (mail.subject() != null) {
      Matcher named = CASE_IN_SUBJECT.matcher(mail.subject());
      while (named.find()) {
        Optional<CaseView> view = cases.view(named.group(), now);
        if (view.isPresent()) {
          return view;
        }
      }
    }
    return Optional.empty();
  }

  private Set<String> knownContacts(CaseView c) {
    Set<String> known = new LinkedHashSet<>();
    clients.find(c.client().id()).ifPresent(client -> {
      client.contacts().forEach(contact -> known.add(contact.email().toLowerCase(Locale.ROOT)));
      Client.Legal legal = client.legalOrNone();
      if (legal.privacyContactEmail() != null) {
        known.add(legal.privacyContactEmail().toLowerCase(Locale.ROOT));
      }
    });
    return known;
  }

  private void advance(String folder, long uidValidity, long uid) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated = jdbc.update("UPDATE rebound_mailbox_state SET uid_validity = ?, last_uid = ?, read_at = ? WHERE folder = ? "
        + "AND (uid_validity <> ? OR last_uid < ?)", uidValidity, uid, now, folder, uidValidity, uid);
    if (updated == 0 && jdbc.queryForObject("SELECT COUNT(*) FROM rebound_mailbox_state WHERE folder = ?", Integer.class, folder) == 0) {
      jdbc.update("INSERT INTO rebound_mailbox_state (folder, uid_validity, last_uid, read_at) VALUES (?, ?, ?, ?)", folder, uidValidity,
          uid, now);
    }
  }

  /** The last UID recorded of the folder at that validity (0: read it from its start). */
  long lastUid(String folder, long uidValidity) {
    return jdbc.queryForList("SELECT last_uid FROM rebound_mailbox_state WHERE folder = ? AND uid_validity = ?", Long.class, folder,
        uidValidity).stream().findFirst().orElse(0L);
  }

  /** A case's conversation, oldest first: the client's replies and the staff's answers, with the attachments' names. */
  public List<Map<String, Object>> ofCase(String caseNumber) {
    return withAttachments(jdbc.query("SELECT * FROM rebound_client_message WHERE case_number = ? "
        + "AND state IN ('attached', 'sent', 'autoReply') ORDER BY received_at, id", (r, n) -> row(r), caseNumber));
  }

  /** The managers' inbox: replies with no case or from an unknown sender, oldest first. */
  public List<Map<String, Object>> inbox() {
    return withAttachments(jdbc.query("SELECT * FROM rebound_client_message WHERE state = 'unmatched' ORDER BY received_at, id",
        (r, n) -> row(r)));
  }

  /** A manager puts an inbox message on a case (told to whoever holds its step), or drops it; once. */
  @Transactional
  public Map<String, Object> decide(long id, String caseNumber, String by) {
    Map<String, Object> message = jdbc.query("SELECT * FROM rebound_client_message WHERE id = ?", (r, n) -> row(r), id).stream()
        .findFirst().orElseThrow(() -> ApiProblem.notFound("No message " + id + "."));
    if (!"unmatched".equals(message.get("state"))) {
      throw ApiProblem.conflict("Message " + id + " was already " + message.get("state") + ".");
    }
    Instant now = clock.instant();
    if (caseNumber == null) {
      jdbc.update("UPDATE rebound_client_message SET state = 'dropped', decided_by = ?, decided_at = ? WHERE id = ? AND state = 'unmatched'",
          by, Timestamp.from(now), id);
    } else {
      CaseView c = cases.view(caseNumber, now).orElseThrow(() -> ApiProblem.invalid(List.of(
          new ApiProblem.FieldProblem("caseNumber", "no case '" + caseNumber + "'"))));
      jdbc.update("UPDATE rebound_client_message SET state = 'attached', case_number = ?, decided_by = ?, decided_at = ? "
          + "WHERE id = ? AND state = 'unmatched'", caseNumber, by, Timestamp.from(now), id);
      tell(c, id, new IncomingMail(null, List.of(), (String) message.get("fromAddress"), (String) message.get("fromName"),
          (String) message.get("subject"), (String) message.get("text"), null, false, List.of(), List.of()));
    }
    return withAttachments(jdbc.query("SELECT * FROM rebound_client_message WHERE id = ?", (r, n) -> row(r), id)).get(0);
  }

  /** A staff's answer to the client from the case page: through the outbox, threaded to the client's last reply. */
  @Transactional
  public Map<String, Object> answer(String caseNumber, String text, String by) {
    if (text == null || text.isBlank() || text.length() > 10000) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("text", "is required (at most 10000 characters): what to tell the client")));
    }
    Instant now = clock.instant();
    CaseView c = cases.view(caseNumber, now).orElseThrow(() -> ApiProblem.notFound("No case '" + caseNumber + "'."));
    String last = jdbc.queryForList("SELECT message_id FROM rebound_client_message WHERE case_number = ? AND direction = 'in' "
        + "AND state = 'attached' ORDER BY received_at DESC, id DESC", String.class, caseNumber).stream().findFirst().orElse(null);
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProcedureVariables.CASE_NUMBER, c.caseNumber());
    variables.put(ProcedureVariables.CLIENT_ID, c.client().id());
    variables.put(ProcedureVariables.CLIENT_NAME, c.client().name());
    variables.put(ProcedureVariables.SUMMARY, c.summary());
    long outboxId = notifications.toClientOutsideAStep(MessageKind.clientMessage, variables, c.processInstanceId(),
        MessageKind.clientMessage + ":" + caseNumber + ":" + now.toEpochMilli() + ":" + by, Map.of("answerText", text.strip()));
    if (outboxId == 0) {
      throw ApiProblem.conflict("Client " + c.client().name() + " has no contact to write to.");
    }
    jdbc.update("INSERT INTO rebound_client_message (message_id, direction, case_number, state, from_address, subject, body, in_reply_to, "
        + "received_at, decided_by) VALUES (?, 'out', ?, 'sent', ?, ?, ?, ?, ?, ?)", "outbox:" + outboxId, caseNumber, by, null,
        clip(text.strip(), 20000), last, Timestamp.from(now), by);
    return Map.of("caseNumber", caseNumber, "outboxId", outboxId, "inReplyTo", last == null ? "" : last);
  }

  @Override
  public Optional<String> answers(long outboxId) {
    return jdbc.queryForList("SELECT in_reply_to FROM rebound_client_message WHERE message_id = ?", String.class, "outbox:" + outboxId)
        .stream().filter(v -> v != null).findFirst();
  }

  /** An attachment's name, type and content (staff only, checked by the door). */
  public Optional<IncomingMail.Attachment> attachment(long messageId, long attachmentId) {
    return jdbc.query("SELECT * FROM rebound_client_attachment WHERE id = ? AND message = ?", (r, n) -> new IncomingMail.Attachment(
        r.getString("file_name"), r.getString("content_type"), r.getLong("size_bytes"), r.getBytes("content"), r.getString("refused")),
        attachmentId, messageId).stream().findFirst();
  }

  private static Map<String, Object> row(java.sql.ResultSet r) throws java.sql.SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.getLong("id"));
    m.put("direction", r.getString("direction"));
    m.put("caseNumber", r.getString("case_number"));
    m.put("state", r.getString("state"));
    m.put("fromAddress", r.getString("from_address"));
    m.put("fromName", r.getString("from_name"));
    m.put("subject", r.getString("subject"));
    m.put("text", r.getString("body"));
    m.put("receivedAt", r.getTimestamp("received_at").toInstant());
    m.put("reason", r.getString("reason"));
    m.put("decidedBy", r.getString("decided_by"));
    return m;
  }

  /** The messages with their attachments' names, read after the messages (never inside their row mapper). */
  private List<Map<String, Object>> withAttachments(List<Map<String, Object>> messages) {
    for (Map<String, Object> m : messages) {
      m.put("attachments", jdbc.query("SELECT id, file_name, content_type, size_bytes, refused FROM rebound_client_attachment "
          + "WHERE message = ? ORDER BY id", (a, k) -> {
            Map<String, Object> att = new LinkedHashMap<>();
            att.put("id", a.getLong("id"));
            att.put("fileName", a.getString("file_name"));
            att.put("contentType", a.getString("content_type"));
            att.put("size", a.getLong("size_bytes"));
            att.put("refused", a.getString("refused"));
            return att;
          }, m.get("id")));
    }
    return messages;
  }

  private static String clip(String text, int max) {
    return text == null ? null : text.length() <= max ? text : text.substring(0, max);
  }
}
