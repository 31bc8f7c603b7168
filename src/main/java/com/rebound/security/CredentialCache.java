package com.rebound.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers successful Basic logins for a short while, so that a script's every REST call does not
 * re-hash the password (Camunda's check costs a salted SHA-512 and three identity queries). Only
 * successes are kept, keyed by a SHA-256 of user and password (never the password itself); an
 * entry lives {@code ttl} at most, so a password changed or a membership removed in Camunda Admin
 * takes effect within that time.
 */
class CredentialCache {

  /** Who a request is, as Camunda's identity store said when the credentials were last checked. */
  record Identity(String userId, List<String> groups, List<String> tenants) {
  }

  private record Entry(Identity identity, Instant expires) {
  }

  private static final int MAX_ENTRIES = 10_000;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  CredentialCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  Identity get(String user, String password) {
    Entry entry = entries.get(key(user, password));
    if (entry == null) {
      return null;
    }
    if (entry.expires().isBefore(clock.instant())) {
      entries.remove(key(user, password));
      return null;
    }
    return entry.identity();
  }

  void put(String user, String password, Identity identity) {
    if (entries.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
      entries.values().removeIf(e -> e.expires().isBefore(now));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(key(user, password), new Entry(identity, clock.instant().plus(ttl)));
  }

  /** Forgets every remembered login of that user (after a failed attempt with their name, for instance). */
  void forget(String user) {
    entries.values().removeIf(e -> e.identity().userId().equals(user));
  }

  private static String key(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
