package com.rebound.operations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills a Rebound database with closed cases spread over the last three years and many clients, directly and in
 * bulk (the case summary rows the console and the dashboard read, and the clients they belong to); it does not
 * walk them through the engine. Reproducible: the same seed gives the same cases. Rebound must have created its
 * tables once (started and stopped, for H2) before; the clients and cases it adds are named {@code gen-...} and
 * {@code DR-<year>-9xxxxx}, so they never meet real ones.
 */
public final class CaseHistoryGenerator {

  private static final List<String> SECTORS = List.of("Construction", "Accounting", "Logistics", "Health", "Retail", "Legal", "Education");
  private static final List<String> TIERS = List.of("basic", "standard", "high", "critical");
  private static final List<String> CAUSES = List.of("hardware", "ransomware", "humanError", "software", "power", "naturalDisaster", "other");
  private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4", "SEV4");
  private static final long[] RTO_HOURS = {4, 8, 8, 24, 24, 48};
  private static final long[] RPO_HOURS = {1, 4, 24};
  private static final List<String> INTEREST = List.of("accepted", "declined", "considering");

  private CaseHistoryGenerator() {
  }

  /** Adds {@code clients} clients and {@code cases} closed cases opened between three years ago and yesterday. */
  static void generate(String url, String user, String password, int clients, int cases, long seed) throws Exception {
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      generate(db, clients, cases, seed);
    }
  }

  /** The same, on a connection of the caller's (committed at the end, and every 2,000 cases). */
  public static void generate(Connection db, int clients, int cases, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    Instant now = Instant.now();
    {
      db.setAutoCommit(false);
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO rebound_client (id, name, sector, user_count, criticality_tier, "
          + "response_time_minutes, rto_hours, rpo_hours, business_days, business_start, business_end, time_zone, business_hours_only, "
          + "preferred_language, active, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'MON,TUE,WED,THU,FRI', '08:00', "
          + "'18:00', 'Europe/Madrid', FALSE, 'es', TRUE, ?, ?, 0)")) {
        for (int c = 0; c < clients; c++) {
          insert.setString(1, "gen-" + c);
          insert.setString(2, "Generated client " + c);
          insert.setString(3, SECTORS.get(c % SECTORS.size()));
          insert.setInt(4, 3 + random.nextInt(200));
          insert.setString(5, TIERS.get(c % TIERS.size()));
          insert.setInt(6, 60);
          insert.setInt(7, 24);
          insert.setInt(8, 24);
          insert.setTimestamp(9, Timestamp.from(now));
          insert.setTimestamp(10, Timestamp.from(now));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO rebound_case (process_instance_id, case_number, opened_at, "
          + "client_id, client_name, summary, severity, state, detected_at, assessed_at, probable_cause, approach, agreed_at, rto_hours, "
          + "rpo_hours, rto_deadline, business_hours, rto_warning_at, rto_breached_at, recovered_at, acceptance_rounds, restored, "
          + "data_loss_hours, prevention_interest, closed_at, outcome, updated_at, response_minutes, recovery_minutes) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, 'closed', ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        long span = Duration.ofDays(3 * 365).toSeconds();
        for (int i = 0; i < cases; i++) {
          Instant opened = now.minusSeconds(86_400 + random.nextLong(span));
          int client = random.nextInt(clients);
          Instant detected = opened.minusSeconds(random.nextLong(7_200));
          Instant assessed = opened.plusSeconds(300 + random.nextLong(14_000));
          Instant agreed = assessed.plusSeconds(600 + random.nextLong(3_000));
          long rto = RTO_HOURS[random.nextInt(RTO_HOURS.length)];
          long rpo = RPO_HOURS[random.nextInt(RPO_HOURS.length)];
          Instant deadline = agreed.plus(Duration.ofHours(rto));
          boolean unrecoverable = random.nextInt(100) < 3;
          boolean restored = !unrecoverable && random.nextInt(100) < 10;
          Instant recovered = unrecoverable ? null : agreed.plusSeconds((long) (rto * 3600 * (0.3 + random.nextDouble() * 1.1)));
          int rounds = unrecoverable ? 0 : random.nextInt(100) < 75 ? 1 : random.nextInt(100) < 80 ? 2 : 3;
          Instant closed = (recovered != null ? recovered : agreed).plusSeconds(3_600 + random.nextLong(72 * 3_600));
          int year = opened.atZone(java.time.ZoneOffset.UTC).getYear();
          insert.setString(1, "gen-" + seed + "-" + i);
          insert.setString(2, String.format("DR-%d-9%05d", year, i));
          insert.setTimestamp(3, Timestamp.from(opened));
          insert.setString(4, "gen-" + client);
          insert.setString(5, "Generated client " + client);
          insert.setString(6, "Generated case " + i + ": " + CAUSES.get(i % CAUSES.size()));
          insert.setString(7, SEVERITIES.get(random.nextInt(SEVERITIES.size())));
          insert.setTimestamp(8, Timestamp.from(detected));
          insert.setTimestamp(9, Timestamp.from(assessed));
          insert.setString(10, CAUSES.get(random.nextInt(CAUSES.size())));
          insert.setString(11, unrecoverable ? "unrecoverable" : restored ? "restore" : "recover");
          insert.setTimestamp(12, Timestamp.from(agreed));
          insert.setLong(13, rto);
          insert.setLong(14, rpo);
          insert.setTimestamp(15, Timestamp.from(deadline));
          Instant warning = agreed.plus(Duration.ofMinutes(rto * 45));
          insert.setTimestamp(16, recovered == null || recovered.isAfter(warning) ? Timestamp.from(warning) : null);
          insert.setTimestamp(17, recovered == null || recovered.isAfter(deadline) ? (recovered == null ? null : Timestamp.from(deadline)) : null);
          if (recovered == null) {
            insert.setNull(18, Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            insert.setTimestamp(18, Timestamp.from(recovered));
          }
          insert.setInt(19, rounds);
          insert.setBoolean(20, restored);
          if (unrecoverable) {
            insert.setNull(21, Types.INTEGER);
          } else {
            insert.setLong(21, random.nextLong(rpo * 2 + 1));
          }
          insert.setString(22, INTEREST.get(random.nextInt(INTEREST.size())));
          insert.setTimestamp(23, Timestamp.from(closed));
          insert.setString(24, unrecoverable ? "unrecoverable" : restored ? "restored" : "recovered");
          insert.setTimestamp(25, Timestamp.from(closed));
          insert.setLong(26, Duration.between(opened, assessed).toMinutes());
          if (recovered == null) {
            insert.setNull(27, Types.INTEGER);
          } else {
            insert.setLong(27, Duration.between(detected, recovered).toMinutes());
          }
          insert.addBatch();
          if (i % 2_000 == 1_999) {
            insert.executeBatch();
            db.commit();
          }
        }
        insert.executeBatch();
      }
      // the days it filled were settled and may have been added up already (casebook.DayTallies): they are again
      for (String kept : List.of("rebound_case_day", "rebound_case_month")) {
        try (PreparedStatement forget = db.prepareStatement("DELETE FROM " + kept)) {
          forget.executeUpdate();
        }
      }
      db.commit();
    }
  }
}
