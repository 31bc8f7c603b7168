package com.rebound.cases;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One answer to a case at a time, on every node: each answer (a task completed over
 * {@code /engine-rest} or from Tasklist, the client's acceptance or consent page) runs in one
 * database transaction that first locks the case's row of {@code rebound_case} ({@code FOR UPDATE}).
 * A second answer to the same case, on this node or another, waits for the first to commit and
 * then sees its result whole: the technician who comes second is told the task is gone (404
 * {@code TaskGone}), the client who comes second that the round is closed (409). Every route that
 * answers a case goes through {@link #alone}.
 */
@Component
public class CaseGuard {

  private final JdbcTemplate jdbc;
  private final CaseRegistry registry;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separateTransaction;

  CaseGuard(JdbcTemplate jdbc, CaseRegistry registry, RuntimeService runtime, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.runtime = runtime;
    this.transaction = new TransactionTemplate(transactions);
    this.separateTransaction = new TransactionTemplate(transactions);
    this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Runs the work in one transaction holding the case's lock. The work may mark the transaction
   * rollback-only (an answer that was refused) through the status it is given.
   */
  public <T> T alone(String processInstanceId, Work<T> work) {
    return transaction.execute(status -> {
      lock(processInstanceId);
      return work.run(status::setRollbackOnly);
    });
  }

  /** The same, for work that needs no rollback decision. */
  public <T> T alone(String processInstanceId, Supplier<T> work) {
    return alone(processInstanceId, rollback -> work.get());
  }

  private void lock(String processInstanceId) {
    List<String> row = jdbc.queryForList(
        "SELECT process_instance_id FROM rebound_case WHERE process_instance_id = ? FOR UPDATE", String.class, processInstanceId);
    if (row.isEmpty() && recordOlderCase(processInstanceId)) {
      jdbc.queryForList("SELECT process_instance_id FROM rebound_case WHERE process_instance_id = ? FOR UPDATE",
          String.class, processInstanceId);
    }
  }

  /**
   * A case started before rebound_case existed gets its row now (committed on its own); false if it is no case (another
   * process's instance, such as an action item's, is locked by the engine's own optimistic locking alone).
   */
  private boolean recordOlderCase(String processInstanceId) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .processDefinitionKey(CaseRegistry.PROCESS_KEY).singleResult();
    if (instance == null) {
      return false;
    }
    separateTransaction.executeWithoutResult(status -> {
      try {
        registry.opened(processInstanceId, instance.getBusinessKey() == null ? "" : instance.getBusinessKey(), new java.util.Date());
      } catch (DuplicateKeyException | CaseRegistry.CaseNumberTaken recordedByAConcurrentAnswerOrANumberUsedTwiceBefore) {
        status.setRollbackOnly();
      }
    });
    return true;
  }

  /** Work done under a case's lock. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Runnable rollbackOnly);
  }
}
