package com.rebound.cases;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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

  public <T> T withCase(String processInstanceId, Supplier<T> work) {
    ReentrantLock lock = stripes[Math.floorMod(processInstanceId.hashCode(), stripes.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
