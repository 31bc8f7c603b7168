package com.rebound.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Start-up work that creates things once (groups, demo accounts, grants, Tasklist filters, demo
 * clients, the deployment of {@code bpmn/}) runs in one transaction holding the row of
 * {@code rebound_startup_lock}: nodes starting at the same moment on one database do it one after
 * the other, and the later one finds everything there and creates nothing twice.
 */
@Component
public class StartupLock {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final String node;

  StartupLock(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, NodeName node) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.node = node.value();
  }

  /** Runs the work alone in the cluster, in one transaction (the engine's calls inside it join it). */
  public void exclusively(Runnable work) {
    transaction.executeWithoutResult(status -> {
      jdbc.queryForList("SELECT id FROM rebound_startup_lock WHERE id = 1 FOR UPDATE", Integer.class);
      jdbc.update("UPDATE rebound_startup_lock SET held_by = ?, held_at = ? WHERE id = 1", node, Timestamp.from(clock.instant()));
      work.run();
    });
  }
}
