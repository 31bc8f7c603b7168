package com.rebound.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises "the database is not there right now" (down, restarting, unreachable, pool exhausted
 * waiting for it, a commit or rollback it could not confirm) in a failure's causes, so that callers
 * answer 503 with a sentence instead of a 500.
 */
public final class DatabaseUnavailable {

  /** The error type Camunda's REST shape names it with. */
  public static final String TYPE = "DatabaseUnavailable";

  /** What Rebound answers while its database is away. */
  public static final String MESSAGE = "Rebound's database is not reachable at the moment, so this request could not be "
      + "completed. Try again in a minute. (Operators: see /actuator/health and the database server.)";

  /** What Rebound answers while its database is too busy (a lock or a connection not had in time). */
  public static final String BUSY = "Rebound is very busy at the moment (a burst of work is waiting for the database), so "
      + "this request was not taken. Nothing of it was kept. Try again in a few seconds.";

  /** Seconds a caller should wait before trying again (the Retry-After of every 503). */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {
  }

  /** How every door answers a failure that is the database's, not the request's: a 503 of this kind, title and sentence. */
  public record Refusal(String kind, String title, String message) {
  }

  /** The 503 for a database too busy or away (each with {@link #RETRY_AFTER_SECONDS}); null for any other failure. */
  public static Refusal refusal(Throwable failure) {
    if (busy(failure)) {
      return new Refusal("busy", "Busy, try again in a moment", BUSY);
    }
    return causes(failure) ? new Refusal("database-unavailable", "Database unavailable", MESSAGE) : null;
  }

  /**
   * True when a cause says the database is there but too busy: a lock not had within the lock timeout (H2's
   * HYT00/50200, PostgreSQL's 55P03, a deadlock) or no pooled connection within the pool's timeout. The transaction
   * was rolled back; the same request may succeed a moment later.
   */
  public static boolean busy(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PessimisticLockingFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql && ("HYT00".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState())
          || "40P01".equals(sql.getSQLState()) || sql.getErrorCode() == 50200)) {
        return true;
      }
      if (cause instanceof SQLTransientConnectionException && !unreachable(cause.getCause())) {
        // the pool had no free connection in time, and not because the database was unreachable
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** True when a cause of the failure says the database could not be reached. */
  public static boolean causes(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException || cause instanceof TransactionSystemException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
