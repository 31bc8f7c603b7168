package com.rebound.acceptance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A round asked of the client (an acceptance test, a consent): open until the client's link or a technician closes it. */
@Repository
class ClientRounds {

  /** A round as stored. */
  record Round(String processInstanceId, Purpose purpose, int round, String caseNumber, Instant openedAt, Instant closedAt,
      String closedBy, String closedVia, String outcome) {

    boolean open() {
      return closedAt == null;
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ClientRounds(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void open(Purpose purpose, String processInstanceId, int round, String caseNumber) {
    jdbc.update("INSERT INTO rebound_client_round (process_instance_id, purpose, round, case_number, opened_at) "
        + "SELECT ?, ?, ?, ?, ? FROM (VALUES (1)) one WHERE NOT EXISTS "
        + "(SELECT 1 FROM rebound_client_round WHERE process_instance_id = ? AND purpose = ? AND round = ?)",
        processInstanceId, purpose.name(), round, caseNumber, Timestamp.from(clock.instant()), processInstanceId, purpose.name(), round);
  }

  /** The next round number for a purpose that is not counted by the process (consents). */
  int next(Purpose purpose, String processInstanceId) {
    Integer last = jdbc.queryForObject("SELECT MAX(round) FROM rebound_client_round WHERE process_instance_id = ? AND purpose = ?",
        Integer.class, processInstanceId, purpose.name());
    return last == null ? 1 : last + 1;
  }

  Optional<Round> find(Purpose purpose, String processInstanceId, int round) {
    return jdbc.query("SELECT * FROM rebound_client_round WHERE process_instance_id = ? AND purpose = ? AND round = ?",
        (rs, n) -> {
          Timestamp closed = rs.getTimestamp("closed_at");
          return new Round(rs.getString("process_instance_id"), Purpose.valueOf(rs.getString("purpose")), rs.getInt("round"),
              rs.getString("case_number"), rs.getTimestamp("opened_at").toInstant(), closed == null ? null : closed.toInstant(),
              rs.getString("closed_by"), rs.getString("closed_via"), rs.getString("outcome"));
        }, processInstanceId, purpose.name(), round).stream().findFirst();
  }

  /**
   * Locks the round's row until the transaction ends and says whether it is still open. Whoever answers
   * a round locks this row first (the client's page here, Tasklist in {@code ${closeClientRound}}), so two
   * answers at the same moment queue behind each other instead of deadlocking on the task's row.
   */
  boolean lockIfOpen(Purpose purpose, String processInstanceId, int round) {
    List<Boolean> open = jdbc.query("SELECT closed_at FROM rebound_client_round WHERE process_instance_id = ? AND purpose = ? "
        + "AND round = ? FOR UPDATE", (rs, n) -> rs.getObject(1) == null, processInstanceId, purpose.name(), round);
    return open.isEmpty() || open.get(0);
  }

  /** Closes the round if it is open; false when someone closed it before. */
  boolean close(Purpose purpose, String processInstanceId, int round, String by, String via, String outcome) {
    return jdbc.update("UPDATE rebound_client_round SET closed_at = ?, closed_by = ?, closed_via = ?, outcome = ? "
        + "WHERE process_instance_id = ? AND purpose = ? AND round = ? AND closed_at IS NULL",
        Timestamp.from(clock.instant()), by, via, outcome, processInstanceId, purpose.name(), round) == 1;
  }
}
