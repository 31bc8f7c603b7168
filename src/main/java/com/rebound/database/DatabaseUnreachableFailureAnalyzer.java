package com.rebound.database;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A database Rebound cannot reach at start-up (wrong address, port, database name, user or password)
 * becomes one short report saying what to fix, instead of pages of stack traces.
 */
public class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

  private final Environment environment;

  public DatabaseUnreachableFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
    String problem = problem(cause);
    if (problem == null) {
      return null;
    }
    String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)");
    String user = environment.getProperty("spring.datasource.username", "");
    return new FailureAnalysis("Rebound cannot reach its database " + url + " as user '" + user + "': " + problem,
        "Check SPRING_DATASOURCE_URL (jdbc:postgresql://host:port/database), SPRING_DATASOURCE_USERNAME and "
            + "SPRING_DATASOURCE_PASSWORD, and that the database server is running and accepts connections from this machine.",
        cause);
  }

  /** What went wrong, in words, for connection and login failures; null for anything else. */
  static String problem(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    if (state.startsWith("28")) {
      return "the user name or password was refused (" + message + ")";
    }
    if (state.equals("3D000")) {
      return "the database does not exist (" + message + ")";
    }
    if (state.startsWith("08")) {
      return "no connection (" + message + ")";
    }
    return null;
  }
}
