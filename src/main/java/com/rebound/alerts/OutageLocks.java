package com.rebound.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lock of one outage a monitor reports ({@code rebound_alert_outage}): its row is created once, committed on its own
 * (two nodes creating it together: one wins, both then lock it), and locked in the caller's transaction until it ends.
 */
@Component
class OutageLocks {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separate;

  OutageLocks(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Waits for, then holds until the caller's transaction ends, the lock of the client's outage of that key. */
  void lock(String clientId, String outage, Instant now) {
    String key = Integrations.hash(clientId + "\n" + outage);
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_alert_outage WHERE outage_key = ?", Integer.class, key);
    if (known == null || known == 0) {
      separate.executeWithoutResult(status -> {
        try {
          jdbc.update("INSERT INTO rebound_alert_outage (outage_key, client_id, created_at) VALUES (?, ?, ?)", key, clientId,
              Timestamp.from(now));
        } catch (DuplicateKeyException createdByAnotherAlert) {
          status.setRollbackOnly();
        }
      });
    }
    jdbc.queryForObject("SELECT outage_key FROM rebound_alert_outage WHERE outage_key = ? FOR UPDATE", String.class, key);
  }
}
