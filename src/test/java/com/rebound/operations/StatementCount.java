package com.rebound.operations;

import com.rebound.database.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For the speed benchmark on PostgreSQL: the SQL statements one whole case costs on bare Camunda and on Rebound,
 * counted by PostgreSQL's {@code pg_stat_statements} (the test server preloads it) over a few cases walked one at a
 * time, per database; then each one's most frequent statements.
 */
final class StatementCount {

  private static final int CASES = 20;

  private StatementCount() {
  }

  static void print(PostgresServer server, int barePort, boolean bareAuthenticated, int reboundPort) throws SQLException {
    try (Connection db = DriverManager.getConnection(server.url("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
        Statement sql = db.createStatement()) {
      sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      System.out.println();
      count(sql, "bare Camunda", "bare_speed", () -> SpeedWalk.walk(barePort, "bareProcedure", bareAuthenticated, CASES));
      count(sql, "Rebound", "rebound_speed", () -> SpeedWalk.walk(reboundPort, "disasterRecovery", true, CASES));
    }
  }

  private static void count(Statement sql, String who, String database, java.util.function.IntSupplier walk) throws SQLException {
    sql.execute("SELECT pg_stat_statements_reset()");
    int cases = walk.getAsInt();
    String of = " FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname LIKE '" + database + "%'";
    try (ResultSet total = sql.executeQuery("SELECT COALESCE(SUM(calls), 0)" + of)) {
      total.next();
      System.out.printf("%s: %.1f SQL statements a case (%d cases walked one at a time), %.1f a completion; most frequent a case:%n", who,
          total.getLong(1) / (double) cases, cases, total.getLong(1) / (double) cases / SpeedWalk.STEPS.size());
    }
    try (ResultSet top = sql.executeQuery("SELECT s.calls, LEFT(REGEXP_REPLACE(s.query, '\\s+', ' ', 'g'), 110)" + of
        + " ORDER BY s.calls DESC LIMIT 40")) {
      while (top.next()) {
        System.out.printf("  %6.1f  %s%n", top.getLong(1) / (double) cases, top.getString(2));
      }
    }
  }
}
