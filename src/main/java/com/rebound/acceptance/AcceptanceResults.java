package com.rebound.acceptance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What each of the client's users tested in a round, and whether it worked. */
@Repository
public class AcceptanceResults {

  /** One user's result. */
  public record Result(String testerName, String tested, boolean ok, String description, Instant recordedAt) {
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  AcceptanceResults(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void add(String processInstanceId, int round, String testerName, String tested, boolean ok, String description) {
    jdbc.update("INSERT INTO rebound_acceptance_result (process_instance_id, round, tester_name, tested, ok, description, recorded_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", processInstanceId, round, testerName, tested, ok, description, Timestamp.from(clock.instant()));
  }

  /** The results of one round, in the order they were recorded. */
  public List<Result> of(String processInstanceId, int round) {
    return jdbc.query("SELECT * FROM rebound_acceptance_result WHERE process_instance_id = ? AND round = ? ORDER BY id",
        (rs, n) -> new Result(rs.getString("tester_name"), rs.getString("tested"), rs.getBoolean("ok"), rs.getString("description"),
            rs.getTimestamp("recorded_at").toInstant()), processInstanceId, round);
  }
}
