package com.rebound.cases;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Answers to the same case, one at a time, in this JVM: the client's page and a technician completing
 * the same task at the same moment are served one after the other, whole transactions included, so
 * the second sees the first's result instead of half of it (Camunda on READ COMMITTED then fails in
 * odd ways). Striped by process instance; Rebound runs as one node next to its database.
 */
@Component
public class CaseLocks {

  private final ReentrantLock[] stripes = new ReentrantLock[64];

  public CaseLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** The case's lock, held until {@link Held#close()}: use it in try-with-resources around the whole transaction. */
  public Held hold(String processInstanceId) {
    ReentrantLock lock = stripes[Math.floorMod(processInstanceId.hashCode(), stripes.length)];
    lock.lock();
    return lock::unlock;
  }

  /** A held case lock. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
