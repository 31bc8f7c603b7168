package com.rebound.legal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one read of legal obligations ({@code rebound_legal_obligation}) and a case's legal timeline
 * ({@code rebound_legal_event}): the console's deadlines page, the case's page, the report, the dashboard's counts and the
 * meters all read here. An obligation's status: open (overdue once its deadline passed), met, late or notApplicable.
 */
@Component
public class LegalObligations {

  private final JdbcTemplate jdbc;

  LegalObligations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Obligations of one case or client or all; open ones soonest first, then the closed ones. */
  public List<Map<String, Object>> list(String caseNumber, String clientId, String state, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM rebound_legal_obligation WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (caseNumber != null) {
      sql.append(" AND case_number = ?");
      args.add(caseNumber);
    }
    if (clientId != null) {
      sql.append(" AND client_id = ?");
      args.add(clientId);
    }
    if ("open".equals(state)) {
      sql.append(" AND state = 'open'");
    } else if ("closed".equals(state)) {
      sql.append(" AND state <> 'open'");
    }
    sql.append(" ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, due_at, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
    Instant now = ClockUtil.getCurrentTime().toInstant();
    return jdbc.query(sql.toString(), (r, n) -> row(r, now), args.toArray());
  }

  public Optional<Map<String, Object>> find(String id) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    return jdbc.query("SELECT * FROM rebound_legal_obligation WHERE id = ?", (r, n) -> row(r, now), id).stream().findFirst();
  }

  /** The case's legal timeline, oldest first: awareness recorded, facts raised, the moment moved, obligations closed. */
  public List<Map<String, Object>> events(String caseNumber) {
    return jdbc.query("SELECT at, by_user, what, detail FROM rebound_legal_event WHERE case_number = ? ORDER BY at, id", (r, n) -> {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("at", r.getTimestamp("at").toInstant());
      event.put("by", r.getString("by_user"));
      event.put("what", r.getString("what"));
      event.put("detail", r.getString("detail"));
      return event;
    }, caseNumber);
  }

  /**
   * Counts by status: open (of which overdue: the deadline passed), met, late, notApplicable; and the deadlines met and missed
   * (late, or open past the deadline). Of every obligation, or of those due in [from, to) and of one client.
   */
  public Map<String, Object> summary(Instant from, Instant to, String clientId) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (from != null) {
      where.append(" AND due_at >= ?");
      args.add(Timestamp.from(from));
    }
    if (to != null) {
      where.append(" AND due_at < ?");
      args.add(Timestamp.from(to));
    }
    if (clientId != null) {
      where.append(" AND client_id = ?");
      args.add(clientId);
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    for (String state : List.of("open", "met", "late", "notApplicable")) {
      counts.put(state, 0L);
    }
    jdbc.query("SELECT state, COUNT(*) FROM rebound_legal_obligation" + where + " GROUP BY state", (ResultSet r) -> {
      counts.put(r.getString(1), r.getLong(2));
    }, args.toArray());
    List<Object> overdueArgs = new ArrayList<>(args);
    overdueArgs.add(Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
    Long overdue = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_legal_obligation" + where + " AND state = 'open' AND due_at < ?",
        Long.class, overdueArgs.toArray());
    counts.put("overdue", overdue == null ? 0L : overdue);
    counts.put("deadlinesMet", counts.get("met"));
    counts.put("deadlinesMissed", (Long) counts.get("late") + (Long) counts.get("overdue"));
    return counts;
  }

  private static Map<String, Object> row(ResultSet r, Instant now) throws SQLException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", r.getString("id"));
    o.put("caseNumber", r.getString("case_number"));
    o.put("clientId", r.getString("client_id"));
    o.put("clientName", r.getString("client_name"));
    o.put("code", r.getString("code"));
    o.put("regime", r.getString("regime"));
    o.put("duty", r.getString("duty"));
    o.put("authority", r.getString("authority"));
    o.put("responsible", r.getString("responsible"));
    o.put("deadlineHours", r.getInt("deadline_hours"));
    o.put("countFrom", r.getString("count_from"));
    o.put("countedFrom", r.getTimestamp("counted_from").toInstant());
    Instant due = r.getTimestamp("due_at").toInstant();
    o.put("dueAt", due);
    String state = r.getString("state");
    o.put("state", state);
    o.put("overdue", "open".equals(state) && due.isBefore(now));
    o.put("hoursLeft", "open".equals(state) ? Math.round((due.toEpochMilli() - now.toEpochMilli()) / 360_000d) / 10d : null);
    o.put("reminded", r.getInt("reminded"));
    o.put("deadlinePassed", r.getBoolean("deadline_passed"));
    o.put("doneAt", instant(r.getTimestamp("done_at")));
    o.put("reference", r.getString("reference"));
    o.put("doneBy", r.getString("done_by"));
    o.put("note", r.getString("note"));
    o.put("confirmedBy", r.getString("confirmed_by"));
    o.put("processInstanceId", r.getString("process_instance_id"));
    return o;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
