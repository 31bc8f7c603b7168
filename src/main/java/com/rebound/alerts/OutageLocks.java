package com.rebound.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The lock of one outage a monitor reports ({@code rebound_alert_outage}): its row is created once, committed on its own
 * outside the alert's transaction (two nodes creating it together: one wins), and locked in the alert's transaction until
 * it ends. An alert's transaction never asks for a second connection: a storm of first alerts, each holding a connection
 * and waiting for another, would empty the pool.
 */
@Component
class OutageLocks {

  private final JdbcTemplate jdbc;

  OutageLocks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The key of the client's outage of that name (its Alertmanager group, or its alert key). */
  static String key(String clientId, String outage) {
    return Integrations.hash(clientId + "\n" + outage);
  }

  /**
   * Waits for, then holds until the caller's transaction ends, the lock of the outage; false, holding nothing, when
   * the outage has no row yet ({@link #create} it outside the transaction, then try again).
   */
  boolean lock(String key) {
    return !jdbc.queryForList("SELECT outage_key FROM rebound_alert_outage WHERE outage_key = ? FOR UPDATE", String.class, key).isEmpty();
  }

  /** Creates the outage's row, in a transaction of its own; called outside any other. */
  void create(String key, String clientId, Instant now) {
    try {
      jdbc.update("INSERT INTO rebound_alert_outage (outage_key, client_id, created_at) VALUES (?, ?, ?)", key, clientId,
          Timestamp.from(now));
    } catch (DuplicateKeyException createdByAnotherAlert) {
      // there now, which is all this asked
    }
  }
}
