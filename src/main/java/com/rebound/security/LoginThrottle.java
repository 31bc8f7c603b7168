package com.rebound.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one user name within
 * {@code window}, every login with that name is refused for {@code lockout}, whatever the
 * password, without asking the identity store. The same happens for names that do not exist, so
 * the answers do not tell which accounts exist.
 */
class LoginThrottle {

  private final int maxFailures;
  private final Duration window;
  private final Duration lockout;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration window, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.lockout = lockout;
    this.clock = clock;
  }

  boolean isLocked(String user) {
    Instant until = lockedUntil.get(key(user));
    if (until == null) {
      return false;
    }
    if (until.isBefore(clock.instant())) {
      lockedUntil.remove(key(user));
      return false;
    }
    return true;
  }

  void failed(String user) {
    Instant now = clock.instant();
    Deque<Instant> recent = failures.computeIfAbsent(key(user), k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(now);
      while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
        recent.removeFirst();
      }
      if (recent.size() >= maxFailures) {
        lockedUntil.put(key(user), now.plus(lockout));
        recent.clear();
      }
    }
    if (failures.size() > 100_000) {
      failures.clear();
    }
  }

  void succeeded(String user) {
    failures.remove(key(user));
  }

  private static String key(String user) {
    return user.toLowerCase(Locale.ROOT);
  }
}
