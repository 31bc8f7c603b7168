package com.rebound.alerts;

import com.rebound.cases.CaseGuard;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tables of alerts: {@code rebound_alert} (every alert received and what was done with it) and
 * {@code rebound_case_alert} (the alerts attached to a case: first and last seen, times, firing or resolved).
 */
@Repository
class AlertLedger {

  /** An alert as it was received and recorded, with the integration that sent it and what was done with it. */
  record Stored(long id, String integrationId, ReceivedAlert alert, String groupHash, String decision) {
  }

  /** An alert attached to a case. */
  record Attached(String processInstanceId, String caseNumber, String alertKey, String status, Instant firstSeen) {
  }

  private final JdbcTemplate jdbc;
  private final CaseGuard cases;

  AlertLedger(JdbcTemplate jdbc, CaseGuard cases) {
    this.jdbc = jdbc;
    this.cases = cases;
  }

  /** Every alert of the client with this key or group, newest first (open or closed cases alike). */
  List<Attached> withKeyOrGroup(String clientId, String alertKey, String groupHash) {
    String sql = "SELECT process_instance_id, case_number, alert_key, status, first_seen FROM rebound_case_alert WHERE client_id = ? "
        + "AND (alert_key = ?" + (groupHash == null ? "" : " OR group_hash = ?") + ") ORDER BY first_seen DESC FETCH FIRST 50 ROWS ONLY";
    Object[] args = groupHash == null ? new Object[] {clientId, alertKey} : new Object[] {clientId, alertKey, groupHash};
    return jdbc.query(sql, (rs, row) -> new Attached(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getTimestamp(5).toInstant()), args);
  }

  /** Attaches the alert to the case, or counts it again when the case has it: last seen, times seen, firing or resolved. */
  void attach(String processInstanceId, String caseNumber, String clientId, Integration integration, ReceivedAlert alert,
      String groupHash, boolean openedCase, Instant now) {
    // under the case's lock (the one every answer to the case takes), joining the caller's transaction: two new alerts
    // of one group, arriving together on any nodes, are attached one after the other, so the second counts the first's
    // row instead of inserting it again
    cases.alone(processInstanceId, () -> {
      attachLocked(processInstanceId, caseNumber, clientId, integration, alert, groupHash, openedCase, now);
      return null;
    });
  }

  private void attachLocked(String processInstanceId, String caseNumber, String clientId, Integration integration,
      ReceivedAlert alert, String groupHash, boolean openedCase, Instant now) {
    Timestamp at = Timestamp.from(now);
    int updated = alert.firing()
        ? jdbc.update("UPDATE rebound_case_alert SET last_seen = ?, times_seen = times_seen + 1, status = 'firing', resolved_at = NULL "
            + "WHERE process_instance_id = ? AND alert_key = ?", at, processInstanceId, alert.key())
        : jdbc.update("UPDATE rebound_case_alert SET last_seen = ?, times_seen = times_seen + 1, status = 'resolved', resolved_at = ? "
            + "WHERE process_instance_id = ? AND alert_key = ?", at, timestamp(alert.endsAt() == null ? now : alert.endsAt()),
            processInstanceId, alert.key());
    if (updated == 0) {
      jdbc.update("""
          INSERT INTO rebound_case_alert (process_instance_id, alert_key, case_number, client_id, group_hash, integration_name, source,
            alert_name, severity, summary, link, opened_case, status, first_seen, last_seen, times_seen, resolved_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)""",
          processInstanceId, alert.key(), caseNumber, clientId, groupHash, integration.name(), alert.source(), alert.name(),
          alert.severity(), alert.summary(), alert.link(), openedCase, alert.firing() ? "firing" : "resolved", at, at,
          alert.firing() ? null : timestamp(alert.endsAt() == null ? now : alert.endsAt()));
    }
  }

  /** Records the alert as received, with what was done with it. */
  void record(Integration integration, ReceivedAlert alert, String clientId, String groupHash, String decision, String reason,
      String caseNumber, String processInstanceId, Instant now) {
    jdbc.update("""
        INSERT INTO rebound_alert (integration_id, received_at, format, source, client_id, client_value, alert_key, group_hash, status,
          alert_name, severity, summary, link, starts_at, ends_at, decision, reason, case_number, process_instance_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        integration.id(), Timestamp.from(now), alert.format(), alert.source(), clientId, cut(alert.clientValue(), 200), alert.key(),
        groupHash, alert.firing() ? "firing" : "resolved", alert.name(), alert.severity(), alert.summary(), alert.link(),
        timestamp(alert.startsAt()), timestamp(alert.endsAt()), decision, cut(reason, 500), caseNumber, processInstanceId);
  }

  /** One alert received, as recorded (its systems are not kept). */
  Optional<Stored> stored(long id) {
    return jdbc.query("SELECT * FROM rebound_alert WHERE id = ?", (rs, row) -> new Stored(rs.getLong("id"),
        rs.getString("integration_id"), new ReceivedAlert(rs.getString("format"), rs.getString("source"), rs.getString("client_value"),
            rs.getString("alert_key"), null, "firing".equals(rs.getString("status")), rs.getString("alert_name"),
            rs.getString("severity"), rs.getString("summary"), List.of(), Integrations.instant(rs, "starts_at"),
            Integrations.instant(rs, "ends_at"), rs.getString("link")), rs.getString("group_hash"), rs.getString("decision")), id)
        .stream().findFirst();
  }

  /**
   * Records what a person decided for an alert Rebound could not place (unmatched or held): its client and case; false,
   * changing nothing, when it is no longer unmatched or held (someone decided first).
   */
  boolean decided(long id, String clientId, String decision, String reason, String caseNumber, String processInstanceId) {
    return jdbc.update("UPDATE rebound_alert SET client_id = ?, decision = ?, reason = ?, case_number = ?, process_instance_id = ? "
        + "WHERE id = ? AND decision IN ('unmatched', 'held')", clientId, decision, cut(reason, 500), caseNumber, processInstanceId,
        id) == 1;
  }

  /** The alerts received, newest first, optionally of one decision (e.g. unmatched) or client. */
  List<Map<String, Object>> received(String decision, String clientId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT a.*, i.name AS integration_name FROM rebound_alert a "
        + "LEFT JOIN rebound_integration i ON i.id = a.integration_id WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (decision != null) {
      sql.append(" AND a.decision = ?");
      args.add(decision);
    }
    if (clientId != null) {
      sql.append(" AND a.client_id = ?");
      args.add(clientId);
    }
    sql.append(" ORDER BY a.id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), (rs, row) -> receivedRow(rs), args.toArray());
  }

  /** How many alerts were received, by decision. */
  Map<String, Long> countsByDecision() {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("SELECT decision, COUNT(*) FROM rebound_alert GROUP BY decision ORDER BY decision",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }

  /** The alerts attached to a case, in the order they were first seen. */
  List<CaseAlerts.Alert> ofCase(String processInstanceId) {
    return jdbc.query("SELECT * FROM rebound_case_alert WHERE process_instance_id = ? ORDER BY first_seen, alert_key", (rs, row) ->
        new CaseAlerts.Alert(rs.getString("alert_key"), rs.getString("alert_name"), rs.getString("summary"), rs.getString("severity"),
            rs.getString("integration_name"), rs.getString("source"), rs.getString("link"), rs.getBoolean("opened_case"),
            rs.getString("status"), Integrations.instant(rs, "first_seen"), Integrations.instant(rs, "last_seen"),
            rs.getInt("times_seen"), Integrations.instant(rs, "resolved_at")), processInstanceId);
  }

  private static Map<String, Object> receivedRow(ResultSet rs) throws SQLException {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("id", rs.getLong("id"));
    alert.put("receivedAt", Integrations.instant(rs, "received_at"));
    alert.put("integration", rs.getString("integration_name"));
    alert.put("format", rs.getString("format"));
    alert.put("source", rs.getString("source"));
    alert.put("clientId", rs.getString("client_id"));
    alert.put("clientLabelValue", rs.getString("client_value"));
    alert.put("key", rs.getString("alert_key"));
    alert.put("status", rs.getString("status"));
    alert.put("name", rs.getString("alert_name"));
    alert.put("severity", rs.getString("severity"));
    alert.put("summary", rs.getString("summary"));
    alert.put("link", rs.getString("link"));
    alert.put("startsAt", Integrations.instant(rs, "starts_at"));
    alert.put("decision", rs.getString("decision"));
    alert.put("reason", rs.getString("reason"));
    alert.put("caseNumber", rs.getString("case_number"));
    return alert;
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
