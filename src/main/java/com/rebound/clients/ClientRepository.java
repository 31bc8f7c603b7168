package com.rebound.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Client profiles in tables rebound_client, rebound_client_contact and rebound_client_protection. */
@Repository
class ClientRepository {

  record Page(List<Client> items, int page, int size, long total) {
  }

  private final JdbcTemplate jdbc;

  ClientRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String id) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_client WHERE id = ?", Integer.class, id);
    return n != null && n > 0;
  }

  Optional<Client> find(String id) {
    List<Client> found = jdbc.query("SELECT * FROM rebound_client WHERE id = ?", (rs, i) -> client(rs), id);
    return found.stream().findFirst().map(this::withChildren);
  }

  Page list(String search, Boolean active, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (search != null && !search.isBlank()) {
      where.append(" AND (LOWER(name) LIKE ? OR LOWER(id) LIKE ? OR LOWER(sector) LIKE ?)");
      String like = "%" + search.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
      args.add(like);
      args.add(like);
      args.add(like);
    }
    if (active != null) {
      where.append(" AND active = ?");
      args.add(active);
    }
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_client" + where, Long.class, args.toArray());
    List<Object> paged = new ArrayList<>(args);
    paged.add(size);
    paged.add((long) page * size);
    List<Client> items = jdbc.query("SELECT * FROM rebound_client" + where + " ORDER BY name, id LIMIT ? OFFSET ?",
        (rs, i) -> client(rs), paged.toArray());
    return new Page(items.stream().map(this::withChildren).toList(), page, size, total == null ? 0 : total);
  }

  void insert(Client c, Instant now) {
    jdbc.update("""
        INSERT INTO rebound_client (id, name, sector, user_count, criticality_tier, response_time_minutes, rto_hours, rpo_hours,
          business_days, business_start, business_end, time_zone, business_hours_only, public_holidays, preferred_language, active,
          created_at, updated_at, version, personal_data, processor_deadline_hours, privacy_contact_name, privacy_contact_email,
          nis2, nis2_authority, dora)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)""",
        c.id(), c.name(), c.sector(), c.userCount(), c.criticalityTier(), c.responseTimeMinutes(), c.rtoHours(), c.rpoHours(),
        c.businessHours().days(), c.businessHours().start(), c.businessHours().end(), c.businessHours().timeZone(),
        c.businessHours().onlyDuringBusinessHours(), holidays(c), c.preferredLanguage(), Timestamp.from(now), Timestamp.from(now),
        c.legalOrNone().processesPersonalData(), c.legalOrNone().processorDeadlineHours(), c.legalOrNone().privacyContactName(),
        c.legalOrNone().privacyContactEmail(), c.legalOrNone().nis2OrNone(), c.legalOrNone().nis2Authority(),
        c.legalOrNone().financialEntity());
    writeChildren(c);
  }

  /** Updates when the stored version is the expected one; false when someone else changed it first. */
  boolean update(Client c, int expectedVersion, Instant now) {
    int rows = jdbc.update("""
        UPDATE rebound_client SET name = ?, sector = ?, user_count = ?, criticality_tier = ?, response_time_minutes = ?,
          rto_hours = ?, rpo_hours = ?, business_days = ?, business_start = ?, business_end = ?, time_zone = ?,
          business_hours_only = ?, public_holidays = ?, preferred_language = ?, updated_at = ?, version = version + 1,
          personal_data = ?, processor_deadline_hours = ?, privacy_contact_name = ?, privacy_contact_email = ?, nis2 = ?,
          nis2_authority = ?, dora = ?
        WHERE id = ? AND version = ?""",
        c.name(), c.sector(), c.userCount(), c.criticalityTier(), c.responseTimeMinutes(), c.rtoHours(), c.rpoHours(),
        c.businessHours().days(), c.businessHours().start(), c.businessHours().end(), c.businessHours().timeZone(),
        c.businessHours().onlyDuringBusinessHours(), holidays(c), c.preferredLanguage(), Timestamp.from(now),
        c.legalOrNone().processesPersonalData(), c.legalOrNone().processorDeadlineHours(), c.legalOrNone().privacyContactName(),
        c.legalOrNone().privacyContactEmail(), c.legalOrNone().nis2OrNone(), c.legalOrNone().nis2Authority(),
        c.legalOrNone().financialEntity(), c.id(), expectedVersion);
    if (rows == 0) {
      return false;
    }
    jdbc.update("DELETE FROM rebound_client_contact WHERE client_id = ?", c.id());
    jdbc.update("DELETE FROM rebound_client_protection WHERE client_id = ?", c.id());
    writeChildren(c);
    return true;
  }

  void setActive(String id, boolean active, Instant now) {
    jdbc.update("UPDATE rebound_client SET active = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        active, Timestamp.from(now), id);
  }

  private void writeChildren(Client c) {
    for (int i = 0; i < c.contacts().size(); i++) {
      Client.Contact contact = c.contacts().get(i);
      jdbc.update("INSERT INTO rebound_client_contact (client_id, position, name, email, phone, role, agrees_objectives)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)", c.id(), i, contact.name(), contact.email(), contact.phone(), contact.role(),
          contact.agreesObjectives());
    }
    for (String protection : c.protections()) {
      jdbc.update("INSERT INTO rebound_client_protection (client_id, protection) VALUES (?, ?)", c.id(), protection);
    }
  }

  /**
   * The client's contacts and protections, read after the client's row (never inside its row mapper: outside a
   * transaction that would hold two pooled connections at once, and concurrent reads could exhaust the pool).
   */
  private Client withChildren(Client c) {
    List<Client.Contact> contacts = jdbc.query(
        "SELECT * FROM rebound_client_contact WHERE client_id = ? ORDER BY position",
        (r, i) -> new Client.Contact(r.getString("name"), r.getString("email"), r.getString("phone"), r.getString("role"),
            r.getBoolean("agrees_objectives")), c.id());
    List<String> protections = jdbc.queryForList(
        "SELECT protection FROM rebound_client_protection WHERE client_id = ? ORDER BY protection", String.class, c.id());
    return new Client(c.id(), c.name(), c.sector(), c.userCount(), c.criticalityTier(), c.responseTimeMinutes(), c.rtoHours(),
        c.rpoHours(), c.businessHours(), c.preferredLanguage(), contacts, new LinkedHashSet<>(protections), c.legal(), c.active(), c.createdAt(),
        c.updatedAt(), c.version());
  }

  private Client client(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<Client.Contact> contacts = List.of();
    List<String> protections = List.of();
    return new Client(id, rs.getString("name"), rs.getString("sector"), rs.getInt("user_count"), rs.getString("criticality_tier"),
        rs.getInt("response_time_minutes"), rs.getInt("rto_hours"), rs.getInt("rpo_hours"),
        new Client.BusinessHours(rs.getString("business_days"), rs.getString("business_start"), rs.getString("business_end"),
            rs.getString("time_zone"), rs.getBoolean("business_hours_only"), rs.getString("public_holidays")),
        rs.getString("preferred_language"), contacts, new LinkedHashSet<>(protections),
        new Client.Legal(rs.getBoolean("personal_data"), (Integer) rs.getObject("processor_deadline_hours"),
            rs.getString("privacy_contact_name"), rs.getString("privacy_contact_email"), rs.getString("nis2"),
            rs.getString("nis2_authority"), rs.getBoolean("dora")),
        rs.getBoolean("active"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
  }

  /** Kept as the canonical code (ES-MD), or null for none. */
  private static String holidays(Client c) {
    String code = c.businessHours().publicHolidays();
    return code == null || code.isBlank() ? null : PublicHolidays.of(code.trim()).map(PublicHolidays::code).orElse(code.trim());
  }
}
