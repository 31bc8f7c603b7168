package com.rebound.notify;

import com.rebound.clients.MailAddress;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. {@link #enqueue} joins the caller's transaction (a process step's), so a message
 * exists exactly when the step that caused it committed; the dispatcher delivers it afterwards.
 */
@Repository
public class Outbox {

  /** PENDING: to send (or held while no SMTP server is configured); SENT; FAILED: gave up, a manager may retry. */
  /** Waiting to be sent, sent, given up after its attempts, or discarded (out of date, or by a manager; the reason is kept). */
  public enum Status { PENDING, SENT, FAILED, DISCARDED }

  /** A row of the outbox. */
  public record Entry(long id, String kind, String caseNumber, List<String> recipients, String language, String subject,
      String body, String attachment, Status status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
      Instant sentAt, @com.fasterxml.jackson.annotation.JsonIgnore String dedupKey,
      @com.fasterxml.jackson.annotation.JsonIgnore String processInstanceId) {
  }

  private final ObjectMapper mapper;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Outbox(JdbcTemplate jdbc, Clock clock, ObjectMapper mapper) {
    this.mapper = mapper;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Queues the message unless a message with the same dedup key is already queued; true when queued now. */
  public boolean enqueue(OutboxMessage message) {
    // each address is checked again here, whatever stored it: none can carry a second address
    List<String> recipients = message.recipients().stream().filter(MailAddress::valid).distinct().toList();
    if (recipients.isEmpty()) {
      return false;
    }
    Timestamp now = Timestamp.from(clock.instant());
    int inserted = jdbc.update("""
        INSERT INTO rebound_outbox (dedup_key, kind, case_number, process_instance_id, recipients, language, subject, body,
          attachment, status, attempts, next_attempt_at, created_at)
        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ? FROM (VALUES (1)) one
        WHERE NOT EXISTS (SELECT 1 FROM rebound_outbox WHERE dedup_key = ?)""",
        message.dedupKey(), message.kind().name(), message.caseNumber(), message.processInstanceId(),
        json(recipients), message.language(), truncate(message.subject(), 300), message.body(),
        message.attachment(), now, now, message.dedupKey());
    return inserted == 1;
  }

  /**
   * Claims up to {@code limit} due messages for {@code claimant} until {@code leaseUntil}, oldest first,
   * and returns them. A message is claimed by one claimant at a time, whatever the number of nodes:
   * the UPDATE re-checks each row's claim after waiting for a concurrent claimant's lock, so only
   * unclaimed rows (or rows whose claim has run out, left by a node that died) are taken.
   */
  List<Entry> claimDue(int limit, String claimant, Instant leaseUntil) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("UPDATE rebound_outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ("
        + "SELECT id FROM rebound_outbox WHERE status = 'PENDING' AND next_attempt_at <= ? "
        + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id FETCH FIRST " + limit + " ROWS ONLY) "
        + "AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)",
        claimant, Timestamp.from(leaseUntil), now, now, now);
    return jdbc.query("SELECT * FROM rebound_outbox WHERE claimed_by = ? AND status = 'PENDING' ORDER BY id", this::entry, claimant);
  }

  void markSent(long id) {
    // claimed_by stays: which node sent it
    jdbc.update("UPDATE rebound_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = NULL, "
        + "claimed_until = NULL WHERE id = ?", Timestamp.from(clock.instant()), id);
  }

  void markAttemptFailed(long id, Instant nextAttempt, String error, boolean giveUp) {
    jdbc.update("UPDATE rebound_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, status = ?, "
        + "claimed_by = NULL, claimed_until = NULL WHERE id = ?",
        Timestamp.from(nextAttempt), truncate(error, 1000), giveUp ? "FAILED" : "PENDING", id);
  }

  /** The message will not be sent: why is kept as its last error; false unless it was PENDING or FAILED. */
  boolean discard(long id, String why) {
    return jdbc.update("UPDATE rebound_outbox SET status = 'DISCARDED', last_error = ?, claimed_until = NULL "
        + "WHERE id = ? AND status IN ('PENDING', 'FAILED')", truncate(why, 1000), id) == 1;
  }

  /** A failed message goes back to the queue with a fresh count of attempts; false unless it was FAILED. */
  boolean retry(long id) {
    return jdbc.update("UPDATE rebound_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?, claimed_by = NULL, "
        + "claimed_until = NULL WHERE id = ? AND status = 'FAILED'", Timestamp.from(clock.instant()), id) == 1;
  }

  Optional<Entry> find(long id) {
    return jdbc.query("SELECT * FROM rebound_outbox WHERE id = ?", this::entry, id).stream().findFirst();
  }

  /** Newest first; optionally only one case or one status. */
  public List<Entry> list(String caseNumber, Status status, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM rebound_outbox WHERE 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (caseNumber != null && !caseNumber.isBlank()) {
      sql.append(" AND case_number = ?");
      args.add(caseNumber.trim());
    }
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), this::entry, args.toArray());
  }

  /** How many messages are in each status. */
  java.util.Map<String, Long> counts() {
    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (Status status : Status.values()) {
      counts.put(status.name(), 0L);
    }
    jdbc.query("SELECT status, COUNT(*) FROM rebound_outbox GROUP BY status", rs -> {
      counts.put(rs.getString(1), rs.getLong(2));
    });
    return counts;
  }

  private Entry entry(ResultSet rs, int row) throws SQLException {
    Timestamp sent = rs.getTimestamp("sent_at");
    return new Entry(rs.getLong("id"), rs.getString("kind"), rs.getString("case_number"),
        recipients(rs.getString("recipients")), rs.getString("language"), rs.getString("subject"),
        rs.getString("body"), rs.getString("attachment"), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
        rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
        sent == null ? null : sent.toInstant(), rs.getString("dedup_key"), rs.getString("process_instance_id"));
  }

  /** Recipients are kept as a JSON list of addresses, never joined by a separator an address could contain. */
  private String json(List<String> recipients) {
    try {
      return mapper.writeValueAsString(recipients);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> recipients(String stored) {
    if (!stored.startsWith("[")) {
      return Arrays.asList(stored.split(","));   // a row queued before recipients were a list
    }
    try {
      return List.of(mapper.readValue(stored, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("recipients of an outbox row are not a JSON list", e);
    }
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** The case of a message Rebound sent, from its Message-ID ({@code <outbox-<id>.<millis>@rebound>}), if it is one of ours. */
  public Optional<String> caseOfMessageId(String messageId) {
    java.util.regex.Matcher ours = java.util.regex.Pattern.compile("<outbox-(\\d{1,18})\\.(\\d{1,18})@rebound>").matcher(
        messageId == null ? "" : messageId.trim());
    if (!ours.matches()) {
      return Optional.empty();
    }
    return jdbc.queryForList("SELECT case_number FROM rebound_outbox WHERE id = ?", String.class, Long.parseLong(ours.group(1)))
        .stream().filter(java.util.Objects::nonNull).findFirst();
  }

  /** Queues a message and returns its id (a staff's answer, which the mailbox's replies thread to). */
  public long enqueueReturningId(OutboxMessage message) {
    enqueue(message);
    Long id = jdbc.queryForObject("SELECT id FROM rebound_outbox WHERE dedup_key = ?", Long.class, message.dedupKey());
    return id == null ? 0 : id;
  }
}
