package com.rebound.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one user name within
 * {@code window} (counted from the first of them), every login with that name is refused for
 * {@code lockout}, whatever the password, without asking the identity store. The same happens for
 * names that do not exist, so the answers do not tell which accounts exist. Failures are counted per
 * user name and client address (behind a proxy, the address it forwards), so guessing from one address
 * cannot lock the account's owner out from theirs, and an address that never failed is never locked. The count lives in the database (table
 * {@code rebound_login_failure}), so it is the same on every node: an attacker gets {@code maxFailures}
 * tries per address in all, not per node.
 */
class LoginThrottle {

  /** The count of a name's failures from every address. */
  private static final String ANY_ADDRESS = "any address";
  private static final int ALL_ADDRESSES_FACTOR = 10;

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

  /**
   * Locked from this address: its own failures reached the limit, or the name's failures from everywhere did
   * and this address is one of those that failed. An address that never failed for the name still opens with
   * the right password, so guessing (even with forged forwarded addresses) cannot lock the owner out.
   */
  boolean isLocked(String user, String address) {
    String here = key(user, address);
    Map<String, Boolean> lockedByKey = new java.util.HashMap<>();
    jdbc.query("SELECT user_key, locked_until FROM rebound_login_failure WHERE user_key IN (?, ?)", row -> {
      Timestamp until = row.getTimestamp("locked_until");
      lockedByKey.put(row.getString("user_key"), until != null && until.toInstant().isAfter(clock.instant()));
    }, here, key(user, ANY_ADDRESS));
    return lockedByKey.getOrDefault(here, false)
        || lockedByKey.containsKey(here) && lockedByKey.getOrDefault(key(user, ANY_ADDRESS), false);
  }

  /**
   * Counts a failure (atomically, whichever node it reached) for the name from this address, locking it
   * at {@code maxFailures}; and for the name from anywhere, locking the name for everyone at ten times
   * that (guessing spread over many addresses, or forged forwarded addresses).
   */
  void failed(String user, String address) {
    count(key(user, address), maxFailures);
    count(key(user, ANY_ADDRESS), maxFailures * ALL_ADDRESSES_FACTOR);
  }

  private void count(String key, int limit) {
    Instant now = clock.instant();
    Timestamp at = Timestamp.from(now);
    Timestamp windowStart = Timestamp.from(now.minus(window));
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
        + "WHERE user_key = ? AND failures >= ?", Timestamp.from(now.plus(lockout)), at, key, limit);
  }

  void succeeded(String user, String address) {
    jdbc.update("DELETE FROM rebound_login_failure WHERE user_key = ? AND (locked_until IS NULL OR locked_until < ?)",
        key(user, address), Timestamp.from(clock.instant()));
  }

  /** Names whose failures and lock are over are forgotten (hourly, on one node). */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
  @SchedulerLock(name = "login-failures-cleanup")
  void forgetOldFailures() {
    Instant now = clock.instant();
    jdbc.update("DELETE FROM rebound_login_failure WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)",
        Timestamp.from(now.minus(window)), Timestamp.from(now));
  }

  /** One count per user name and client address: a stranger's failures lock only the stranger out. */
  private static String key(String user, String address) {
    String key = user.toLowerCase(Locale.ROOT) + " from " + address;
    return key.length() > 256 ? key.substring(0, 256) : key;
  }
}
