package com.rebound.database;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What one transaction already read, kept until it ends: a step's transaction asks a client's profile for its
 * clocks, its recipients and its summary, and reads it once; a completion checks its step's deployed form in the
 * REST filter and again in the engine, and looks it up once. Outside a transaction every read goes to the
 * database. Nothing outlives the transaction, so no node ever sees another's stale copy.
 */
public final class TransactionMemo {

  private final String name;

  public TransactionMemo(String name) {
    this.name = name;
  }

  @SuppressWarnings("unchecked")
  public <T> T get(String key, Supplier<T> load) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return load.get();
    }
    Map<String, Object> memo = (Map<String, Object>) TransactionSynchronizationManager.getResource(this);
    if (memo == null) {
      memo = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, memo);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(TransactionMemo.this);
        }
      });
    }
    Object known = memo.get(key);
    if (known == null) {
      known = load.get();
      memo.put(key, known);
    }
    return (T) known;
  }

  /** This transaction changed what was read: read it again. */
  public void forget() {
    if (TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.getResource(this) instanceof Map<?, ?> memo) {
      memo.clear();
    }
  }

  @Override
  public String toString() {
    return "TransactionMemo[" + name + "]";
  }
}
