package com.rebound.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
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

  private DatabaseUnavailable() {
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
