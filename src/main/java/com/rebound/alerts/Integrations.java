package com.rebound.alerts;

import com.rebound.clients.ClientDirectory;
import com.rebound.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The integrations table: create (the token is returned once), list, revoke, and find the integration of a token. */
@Repository
class Integrations {

  /** What a manager asks for: a name, the clients (or all), and the label naming the client in an alert. */
  record Request(String name, List<String> clients, Boolean allClients, String clientLabel) {
  }

  /** A new integration and its token, which is never shown again. */
  record Created(Integration integration, String token) {
  }

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "rbi_";

  private final JdbcTemplate jdbc;
  private final ClientDirectory clients;
  private final Clock clock;

  Integrations(JdbcTemplate jdbc, ClientDirectory clients, Clock clock) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.clock = clock;
  }

  Created create(Request request, String createdBy) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      problems.add(new ApiProblem.FieldProblem("name", "is required, at most 100 characters"));
    } else if (findByName(name).isPresent()) {
      problems.add(new ApiProblem.FieldProblem("name", "an integration named '" + name + "' exists already"));
    }
    boolean all = Boolean.TRUE.equals(request.allClients());
    List<String> allowed = request.clients() == null ? List.of() : request.clients().stream().distinct().toList();
    if (all && !allowed.isEmpty()) {
      problems.add(new ApiProblem.FieldProblem("clients", "give either clients or allClients: true, not both"));
    } else if (!all && allowed.isEmpty()) {
      problems.add(new ApiProblem.FieldProblem("clients", "name at least one client, or set allClients: true"));
    }
    for (int i = 0; i < allowed.size(); i++) {
      String clientId = allowed.get(i);
      if (clientId == null || clients.activeClient(clientId).isEmpty()) {
        problems.add(new ApiProblem.FieldProblem("clients[" + i + "]", "no active client '" + clientId + "' (see /api/clients)"));
      }
    }
    String label = request.clientLabel() == null || request.clientLabel().isBlank() ? "client" : request.clientLabel().strip();
    if (!LABEL.matcher(label).matches()) {
      problems.add(new ApiProblem.FieldProblem("clientLabel", "must be a label name such as client or customer_id"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    jdbc.update("""
        INSERT INTO rebound_integration (id, name, all_clients, clients, client_label, token_hash, token_hint, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, name, all, String.join(",", allowed), label, hash(token),
        token.substring(0, 8) + "…", createdBy, Timestamp.from(now));
    return new Created(find(id).orElseThrow(), token);
  }

  List<Integration> list() {
    return jdbc.query("SELECT * FROM rebound_integration ORDER BY created_at DESC FETCH FIRST 500 ROWS ONLY", this::integration);
  }

  Optional<Integration> find(String id) {
    return jdbc.query("SELECT * FROM rebound_integration WHERE id = ?", this::integration, id).stream().findFirst();
  }

  private Optional<Integration> findByName(String name) {
    return jdbc.query("SELECT * FROM rebound_integration WHERE name = ?", this::integration, name).stream().findFirst();
  }

  /** Revokes it at once, on every node (each alert looks its token up); the record stays. */
  Integration revoke(String id, String by) {
    Integration integration = find(id).orElseThrow(() -> ApiProblem.notFound("No integration " + id + "."));
    if (integration.revoked()) {
      throw ApiProblem.conflict("Integration '" + integration.name() + "' was revoked already, at " + integration.revokedAt() + ".");
    }
    jdbc.update("UPDATE rebound_integration SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
        Timestamp.from(clock.instant()), by, id);
    return find(id).orElseThrow();
  }

  /** The live integration holding this token; notes when it was last used (at most once a minute). */
  Optional<Integration> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    Optional<Integration> found = jdbc.query("SELECT * FROM rebound_integration WHERE token_hash = ? AND revoked_at IS NULL",
        this::integration, hash(token)).stream().findFirst();
    found.ifPresent(integration -> {
      Instant now = clock.instant();
      if (integration.lastUsedAt() == null || integration.lastUsedAt().isBefore(now.minus(Duration.ofMinutes(1)))) {
        jdbc.update("UPDATE rebound_integration SET last_used_at = ? WHERE id = ?", Timestamp.from(now), integration.id());
      }
    });
    return found;
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Integration integration(ResultSet rs, int row) throws SQLException {
    String clientList = rs.getString("clients");
    return new Integration(rs.getString("id"), rs.getString("name"), rs.getBoolean("all_clients"),
        clientList == null || clientList.isEmpty() ? List.of() : Arrays.asList(clientList.split(",")), rs.getString("client_label"),
        rs.getString("token_hint"), rs.getString("created_by"), instant(rs, "created_at"), rs.getString("revoked_by"),
        instant(rs, "revoked_at"), instant(rs, "last_used_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
