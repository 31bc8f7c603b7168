package com.rebound.acceptance;

import com.rebound.settings.ReboundSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Links sent to the client: a random token of 256 bits, bound to one case and one round of one purpose,
 * expiring after {@code rebound.client-links.validity}. Only the token's SHA-256 is stored.
 */
@Repository
public class ClientLinks {

  /** The task-local variable of an open client step (acceptance, consent) that holds its round. */
  public static final String ROUND = ClientRoundListeners.ROUND;

  /** A link as stored. */
  public record Link(long id, Purpose purpose, String processInstanceId, String caseNumber, int round, String language, Instant createdAt,
      Instant expiresAt) {

    public boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration validity;

  ClientLinks(JdbcTemplate jdbc, Clock clock, ReboundSettings settings) {
    Duration validity = settings.clientLinks().validity();
    this.jdbc = jdbc;
    this.clock = clock;
    this.validity = validity;
  }

  /** A new link for the round; returns the token (to put in the message) and when it expires. */
  public Issued issue(Purpose purpose, String processInstanceId, String caseNumber, int round, String language) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(validity);
    jdbc.update("INSERT INTO rebound_client_link (token_hash, purpose, process_instance_id, case_number, round, language, created_at, "
        + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", hash(token), purpose.name(), processInstanceId, caseNumber, round, language,
        Timestamp.from(now), Timestamp.from(expires));
    return new Issued(token, expires);
  }

  /**
   * A link that lasts as long as its case (a live page's): it expires only when revoked; the page checks the case's end
   * against {@code rebound.client-links.status-after-close}.
   */
  public Issued issueLasting(Purpose purpose, String processInstanceId, String caseNumber, String language) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofDays(3650));
    jdbc.update("INSERT INTO rebound_client_link (token_hash, purpose, process_instance_id, case_number, round, language, created_at, "
        + "expires_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)", hash(token), purpose.name(), processInstanceId, caseNumber, language,
        Timestamp.from(now), Timestamp.from(expires));
    return new Issued(token, expires);
  }

  /** A token handed out, and its end. */
  public record Issued(String token, Instant expiresAt) {
  }

  public Optional<Link> find(String token) {
    if (token == null || token.length() < 20 || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.query("SELECT * FROM rebound_client_link WHERE token_hash = ?", (rs, n) -> new Link(rs.getLong("id"),
        Purpose.valueOf(rs.getString("purpose")), rs.getString("process_instance_id"), rs.getString("case_number"), rs.getInt("round"),
        rs.getString("language"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()), hash(token)).stream().findFirst();
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
