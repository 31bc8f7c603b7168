package com.rebound.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A step's transaction reads a client's profile once (its clocks, recipients and summary all ask for it): a
 * change committed by someone else meanwhile is seen by the next transaction, never by a read outside one, and a
 * change made through the service in the same transaction is read back at once.
 */
@ReboundSpringBootTest
class ProfileReadOnceTest {

  private static final String CLIENT = "northwind-logistics";

  @Autowired
  ClientService clients;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  TransactionTemplate transaction;

  private String original;

  @AfterEach
  void nameAsItWas() {
    if (original != null) {
      jdbc.update("UPDATE rebound_client SET name = ? WHERE id = ?", original, CLIENT);
    }
  }

  @Test
  void oneReadPerTransactionAndFreshOutsideOne() {
    original = clients.find(CLIENT).orElseThrow().name();
    transaction.executeWithoutResult(status -> {
      assertThat(clients.find(CLIENT).orElseThrow().name()).isEqualTo(original);
      // someone else's change, as if committed meanwhile (same connection here, so visible to a new read)
      jdbc.update("UPDATE rebound_client SET name = ? WHERE id = ?", "Renamed meanwhile", CLIENT);
      assertThat(clients.find(CLIENT).orElseThrow().name()).as("the transaction's first read").isEqualTo(original);
      assertThat(clients.activeClient(CLIENT).orElseThrow().name()).isEqualTo(original);
    });
    assertThat(clients.find(CLIENT).orElseThrow().name()).as("outside a transaction: the database").isEqualTo("Renamed meanwhile");
    transaction.executeWithoutResult(status ->
        assertThat(clients.find(CLIENT).orElseThrow().name()).as("the next transaction").isEqualTo("Renamed meanwhile"));
  }

  @Test
  void aChangeThroughTheServiceIsReadBackInTheSameTransaction() {
    original = clients.find(CLIENT).orElseThrow().name();
    transaction.executeWithoutResult(status -> {
      Client before = clients.find(CLIENT).orElseThrow();
      clients.setActive(CLIENT, false);
      assertThat(clients.find(CLIENT).orElseThrow().active()).isFalse();
      assertThat(clients.activeClient(CLIENT)).as("deactivated").isEmpty();
      status.setRollbackOnly();
      assertThat(before.active()).isTrue();
    });
    assertThat(clients.find(CLIENT).orElseThrow().active()).as("rolled back").isTrue();
  }
}
