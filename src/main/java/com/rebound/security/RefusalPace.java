package com.rebound.security;

import java.time.Duration;

/**
 * A refused login takes the same time whether the name exists or not. Camunda checks the password of
 * a known user (a hash, and an update of the user's failed attempts) but answers at once for an unknown
 * name, which tells a stranger which accounts exist. Every refused password check is therefore
 * answered no sooner than {@code floor} after it started, far above the difference between the two.
 */
class RefusalPace {

  private final long floorNanos;

  RefusalPace(Duration floor) {
    this.floorNanos = floor.toNanos();
  }

  /** When a password check starts. */
  long started() {
    return System.nanoTime();
  }

  /** Waits until the floor has passed since {@code started}. */
  void holdRefusal(long started) {
    long left = floorNanos - (System.nanoTime() - started);
    if (left <= 0) {
      return;
    }
    try {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }
}
