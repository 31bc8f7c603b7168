package com.rebound.acceptance;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rounds asked of a case's client as Rebound recorded them (kept whatever the engine's history keeps): who
 * answered, how and when, and what each user tested. The one query other features ask; the tables stay this package's.
 */
@Repository
public class CaseRounds {

  /** A round: its number, opened, answered (by whom, via a link or a technician), its outcome (null while open), the results. */
  public record Round(int number, Instant openedAt, Instant closedAt, String closedBy, String closedVia, String outcome,
      List<AcceptanceResults.Result> results) {
  }

  private final JdbcTemplate jdbc;

  CaseRounds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The acceptance rounds of a case, first to last, each with its users' results in the order they were recorded. */
  public List<Round> acceptance(String processInstanceId) {
    Map<Integer, List<AcceptanceResults.Result>> results = new HashMap<>();
    jdbc.query("SELECT round, tester_name, tested, ok, description, recorded_at FROM rebound_acceptance_result "
        + "WHERE process_instance_id = ? ORDER BY round, id", rs -> {
          results.computeIfAbsent(rs.getInt(1), r -> new java.util.ArrayList<>()).add(new AcceptanceResults.Result(rs.getString(2),
              rs.getString(3), rs.getBoolean(4), rs.getString(5), instant(rs.getTimestamp(6))));
        }, processInstanceId);
    return rounds(processInstanceId, Purpose.ACCEPTANCE, results);
  }

  /** The last consent asked of the client, if any. */
  public Optional<Round> lastConsent(String processInstanceId) {
    List<Round> consents = rounds(processInstanceId, Purpose.CONSENT, Map.of());
    return consents.isEmpty() ? Optional.empty() : Optional.of(consents.get(consents.size() - 1));
  }

  private List<Round> rounds(String processInstanceId, Purpose purpose, Map<Integer, List<AcceptanceResults.Result>> results) {
    return jdbc.query("SELECT round, opened_at, closed_at, closed_by, closed_via, outcome FROM rebound_client_round "
        + "WHERE process_instance_id = ? AND purpose = ? ORDER BY round", (rs, n) -> new Round(rs.getInt(1), instant(rs.getTimestamp(2)),
            instant(rs.getTimestamp(3)), rs.getString(4), rs.getString(5), rs.getString(6), results.getOrDefault(rs.getInt(1), List.of())),
        processInstanceId, purpose.name());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
