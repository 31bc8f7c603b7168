package com.rebound.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Busy (try again in a moment) is told apart from away (the database cannot be reached). */
class DatabaseBusyTest {

  @Test
  void lockTimeoutsDeadlocksAndAFullPoolAreBusy() {
    assertThat(DatabaseUnavailable.busy(new CannotAcquireLockException("x",
        new SQLException("Timeout trying to lock table \"REBOUND_CLIENT\"", "HYT00", 50200)))).as("H2's lock timeout").isTrue();
    assertThat(DatabaseUnavailable.busy(new RuntimeException(new SQLException("canceling statement due to lock timeout", "55P03"))))
        .as("PostgreSQL's lock timeout").isTrue();
    assertThat(DatabaseUnavailable.busy(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isTrue();
    assertThat(DatabaseUnavailable.busy(new CannotGetJdbcConnectionException("x",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"))))
        .as("no free pooled connection").isTrue();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsNotBusy_andOtherFailuresAreNeither() {
    SQLTransientConnectionException away = new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
        new SQLException("Connection refused", "08001", new ConnectException("refused")));
    assertThat(DatabaseUnavailable.busy(away)).isFalse();
    assertThat(DatabaseUnavailable.causes(away)).isTrue();
    assertThat(DatabaseUnavailable.busy(new IllegalStateException("a bug"))).isFalse();
    assertThat(DatabaseUnavailable.busy(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
  }
}
