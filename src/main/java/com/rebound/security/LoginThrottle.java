package com.rebound.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one user name within
 * {@code window} (counted from the first of them), every login with that name is refused for
 * {@code lockout}, whatever the password, without asking the identity store. The same happens for
 * names that do not exist, so the answers do not tell which accounts exist. The count lives in the
 * database (table {@code rebound_login_failure}), so it is the same on every node: an attacker gets
 * {@code maxFailures} tries in all, not per node.
 */
class LoginThrottle {

  private final JdbcTemplate jdbc;
  private final int maxFailures;
  private final Duration window;
  private final Duration lockout;
  private final Clock clock;

  LoginThrottle(JdbcTemplate jdbc, int maxFailures, Duration window, Duration lockout, Clock clock) {
    this.jdbc = jdbc;
    this.maxFailures = maxFailures;
    this.window = window;
    this.lockout = lockout;
    this.clock = clock;
  }

  boolean isLocked(String user) {
    List<Timestamp> until = jdbc.queryForList("SELECT locked_until FROM rebound_login_failure WHERE user_key = ?",
        Timestamp.class, key(user));
    return !until.isEmpty() && until.get(0) != null && until.get(0).toInstant().isAfter(clock.instant());
  }

  /** Counts a failure (atomically, whichever node it reached) and locks the name at the limit. */
  void failed(String user) {
    Instant now = clock.instant();
    Timestamp at = Timestamp.from(now);
    Timestamp windowStart = Timestamp.from(now.minus(window));
    String key = key(user);
    for (int attempt = 0; attempt < 3; attempt++) {
      int counted = jdbc.update("UPDATE rebound_login_failure SET "
          + "failures = CASE WHEN window_start < ? THEN 1 ELSE failures + 1 END, "
          + "window_start = CASE WHEN window_start < ? THEN ? ELSE window_start END WHERE user_key = ?",
          windowStart, windowStart, at, key);
      if (counted == 0) {
        try {
          jdbc.update("INSERT INTO rebound_login_failure (user_key, failures, window_start) VALUES (?, 1, ?)", key, at);
        } catch (DuplicateKeyException countedByAnotherNodeAtTheSameMoment) {
          continue;
        }
      }
      break;
    }
    jdbc.update("UPDATE rebound_login_failure SET locked_until = ?, failures = 0, window_start = ? "
        + "WHERE user_key = ? AND failures >= ?", Timestamp.from(now.plus(lockout)), at, key, maxFailures);
  }

  void succeeded(String user) {
    jdbc.update("DELETE FROM rebound_login_failure WHERE user_key = ? AND (locked_until IS NULL OR locked_until < ?)",
        key(user), Timestamp.from(clock.instant()));
  }

  /** Names whose failures and lock are over are forgotten (hourly, on one node). */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
  @SchedulerLock(name = "login-failures-cleanup")
  void forgetOldFailures() {
    Instant now = clock.instant();
    jdbc.update("DELETE FROM rebound_login_failure WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)",
        Timestamp.from(now.minus(window)), Timestamp.from(now));
  }

  private static String key(String user) {
    String key = user.toLowerCase(Locale.ROOT);
    return key.length() > 256 ? key.substring(0, 256) : key;
  }
}
