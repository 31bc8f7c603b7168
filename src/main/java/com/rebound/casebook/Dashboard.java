package com.rebound.casebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The managers' numbers for a period, aggregated by the database from the case summary (counts, sums and
 * nearest-rank percentiles, {@code PERCENTILE_DISC}), so an answer costs a few index range scans whatever the
 * number of cases. Cases opened in the period count for volume and the time to respond; cases closed in the
 * period count for how recovery went (time to recover, RTO and RPO met, acceptance rounds, restorations,
 * unrecoverable, prevention); a breach is a case closed in the period and recovered late, or opened in it and
 * still open past its deadline. "Now" is every open case, least RTO time left first.
 */
@Service
class Dashboard {

  private static final int NOW_LIMIT = 50;
  private static final String RECOVERED_ON_TIME = "recovered_at IS NOT NULL AND rto_deadline IS NOT NULL AND recovered_at <= rto_deadline";
  private static final String RECOVERED_LATE = "recovered_at IS NOT NULL AND rto_deadline IS NOT NULL AND recovered_at > rto_deadline";
  private final JdbcTemplate jdbc;

  Dashboard(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, Object> metrics(CaseFilter filter, Instant now) {
    Narrow narrow = Narrow.of(filter);
    Timestamp from = Timestamp.from(filter.from());
    Timestamp to = Timestamp.from(filter.to());
    Map<String, Object> totals = new LinkedHashMap<>();

    jdbc.query("SELECT COUNT(*), COUNT(response_minutes), "
        + "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY response_minutes), PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY response_minutes), "
        + "SUM(CASE WHEN state = 'open' AND " + CaseRow.rtoSql("breached") + " THEN 1 ELSE 0 END) "
        + "FROM rebound_case WHERE opened_at >= ? AND opened_at < ?" + narrow.sql, rs -> {
          totals.put("casesOpened", rs.getLong(1));
          totals.put("timeToRespondMinutes", spread(rs.getLong(2), rs, 3));
          totals.put("openBreaches", rs.getLong(5));
        }, narrow.args(Timestamp.from(now), from, to));

    jdbc.query("SELECT COUNT(*), COUNT(recovery_minutes), "
        + "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY recovery_minutes), PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY recovery_minutes), "
        + "SUM(CASE WHEN " + RECOVERED_ON_TIME + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + RECOVERED_LATE + " THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN rpo_hours IS NOT NULL AND data_loss_hours IS NOT NULL THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN data_loss_hours <= rpo_hours THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN recovered_at IS NOT NULL AND acceptance_rounds = 1 THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN recovered_at IS NOT NULL THEN acceptance_rounds ELSE 0 END), "
        + "SUM(CASE WHEN restored THEN 1 ELSE 0 END), SUM(CASE WHEN outcome = 'unrecoverable' THEN 1 ELSE 0 END), "
        + "COUNT(prevention_interest), SUM(CASE WHEN prevention_interest = 'accepted' THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN recovered_at IS NOT NULL THEN 1 ELSE 0 END) "
        + "FROM rebound_case WHERE closed_at >= ? AND closed_at < ?" + narrow.sql, rs -> {
          long recovered = rs.getLong(15);
          long met = rs.getLong(5);
          long late = rs.getLong(6);
          totals.put("casesClosed", rs.getLong(1));
          totals.put("timeToRecoverMinutes", spread(rs.getLong(2), rs, 3));
          totals.put("rtoMetPercent", percent(met, met + late));
          totals.put("rtoCounted", met + late);
          totals.put("rpoMetPercent", percent(rs.getLong(8), rs.getLong(7)));
          totals.put("rpoCounted", rs.getLong(7));
          totals.put("firstRoundAcceptancePercent", percent(rs.getLong(9), recovered));
          totals.put("roundsPerCase", recovered == 0 ? null : Math.round(rs.getLong(10) * 100.0 / recovered) / 100.0);
          totals.put("restorations", rs.getLong(11));
          totals.put("unrecoverable", rs.getLong(12));
          totals.put("closedBreaches", late);
          totals.put("preventionAcceptedPercent", percent(rs.getLong(14), rs.getLong(13)));
          totals.put("preventionCounted", rs.getLong(13));
        }, narrow.args(from, to));
    totals.put("breaches", (Long) totals.remove("closedBreaches") + (Long) totals.remove("openBreaches"));
    totals.put("rtoWarnings", jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case WHERE rto_warning_at >= ? AND rto_warning_at < ?"
        + narrow.sql, Long.class, narrow.args(from, to)));
    // the order of the answer's fields: as documented
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String key : List.of("casesOpened", "casesClosed", "timeToRespondMinutes", "timeToRecoverMinutes", "rtoMetPercent", "rtoCounted",
        "rpoMetPercent", "rpoCounted", "firstRoundAcceptancePercent", "roundsPerCase", "restorations", "unrecoverable", "breaches",
        "rtoWarnings", "preventionAcceptedPercent", "preventionCounted")) {
      ordered.put(key, totals.get(key));
    }

    Map<String, Object> metrics = new LinkedHashMap<>();
    String bucket = bucket(filter);
    metrics.put("period", Map.of("from", filter.from(), "to", filter.to(), "bucket", bucket));
    Map<String, Object> narrowedTo = new LinkedHashMap<>();
    narrowedTo.put("client", filter.client());
    narrowedTo.put("severity", filter.severity());
    metrics.put("filter", narrowedTo);
    metrics.put("totals", ordered);
    metrics.put("series", series(filter, bucket, narrow, from, to));
    metrics.put("now", now(narrow, now));
    return metrics;
  }

  /** Per day (up to 31 days), week (up to 26 weeks) or month: opened, closed, time to recover and RTO met in each. */
  private List<Map<String, Object>> series(CaseFilter filter, String bucket, Narrow narrow, Timestamp from, Timestamp to) {
    TreeMap<LocalDate, Map<String, Object>> points = new TreeMap<>();
    for (LocalDate day = start(filter.from(), bucket); day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(filter.to());
        day = next(day, bucket)) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("from", day.toString());
      point.put("opened", 0L);
      point.put("closed", 0L);
      point.put("timeToRecoverMedianMinutes", null);
      point.put("timeToRecoverP90Minutes", null);
      point.put("rtoMetPercent", null);
      point.put("breaches", 0L);
      points.put(day, point);
    }
    // the bucket's column is one of six known names, never the caller's text
    jdbc.query("SELECT opened_" + bucket + ", COUNT(*) FROM rebound_case WHERE opened_at >= ? AND opened_at < ?" + narrow.sql
        + " GROUP BY opened_" + bucket, rs -> {
          point(points, rs.getDate(1)).put("opened", rs.getLong(2));
        }, narrow.args(from, to));
    jdbc.query("SELECT closed_" + bucket + ", COUNT(*), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY recovery_minutes), "
        + "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY recovery_minutes), SUM(CASE WHEN " + RECOVERED_ON_TIME + " THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN " + RECOVERED_LATE + " THEN 1 ELSE 0 END) FROM rebound_case WHERE closed_at >= ? AND closed_at < ?" + narrow.sql
        + " GROUP BY closed_" + bucket, rs -> {
          Map<String, Object> point = point(points, rs.getDate(1));
          point.put("closed", rs.getLong(2));
          point.put("timeToRecoverMedianMinutes", whole(rs, 3));
          point.put("timeToRecoverP90Minutes", whole(rs, 4));
          point.put("rtoMetPercent", percent(rs.getLong(5), rs.getLong(5) + rs.getLong(6)));
          point.put("breaches", rs.getLong(6));
        }, narrow.args(from, to));
    return new ArrayList<>(points.values());
  }

  /** The point of a bucket; a row without one (none is written without) lands nowhere. */
  private static Map<String, Object> point(TreeMap<LocalDate, Map<String, Object>> points, java.sql.Date bucket) {
    var entry = bucket == null ? null : points.floorEntry(bucket.toLocalDate());
    return entry != null ? entry.getValue() : new LinkedHashMap<>();
  }

  /** Every open case (as narrowed), least RTO time left first; those without agreed objectives after them. */
  private List<Map<String, Object>> now(Narrow narrow, Instant now) {
    List<Object> args = new ArrayList<>(narrow.args);
    args.add(NOW_LIMIT);
    List<CaseRow> open = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM rebound_case WHERE state = 'open'" + narrow.sql
        + " ORDER BY CASE WHEN rto_deadline IS NULL THEN 1 ELSE 0 END, rto_deadline, opened_at LIMIT ?", CaseRow::read, args.toArray());
    return open.stream().map(r -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("caseNumber", r.caseNumber());
      item.put("client", r.clientName());
      item.put("severity", r.severity());
      item.put("summary", r.summary());
      item.put("rtoStatus", r.rtoStatus(now));
      item.put("rtoDeadline", r.rtoDeadline());
      item.put("minutesLeft", r.rtoDeadline() == null ? null : Duration.between(now, r.rtoDeadline()).toMinutes());
      item.put("openedAt", r.openedAt());
      return item;
    }).toList();
  }

  /** The client and severity a dashboard is narrowed to, as SQL conditions and their arguments. */
  private record Narrow(String sql, List<Object> args) {
    static Narrow of(CaseFilter filter) {
      StringBuilder sql = new StringBuilder();
      List<Object> args = new ArrayList<>();
      if (filter.client() != null) {
        sql.append(" AND client_id = ?");
        args.add(filter.client());
      }
      if (filter.severity() != null) {
        sql.append(" AND severity = ?");
        args.add(filter.severity());
      }
      return new Narrow(sql.toString(), args);
    }

    /** The arguments before the narrowing ones, then them. */
    Object[] args(Object... first) {
      List<Object> all = new ArrayList<>(List.of(first));
      all.addAll(args);
      return all.toArray();
    }
  }

  static String bucket(CaseFilter filter) {
    long days = Duration.between(filter.from(), filter.to()).toDays();
    return days <= 31 ? "day" : days <= 183 ? "week" : "month";
  }

  private static LocalDate start(Instant instant, String bucket) {
    LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
    return switch (bucket) {
      case "week" -> day.with(java.time.DayOfWeek.MONDAY);
      case "month" -> day.withDayOfMonth(1);
      default -> day;
    };
  }

  private static LocalDate next(LocalDate day, String bucket) {
    return switch (bucket) {
      case "week" -> day.plusWeeks(1);
      case "month" -> day.plusMonths(1);
      default -> day.plusDays(1);
    };
  }

  /** Count, median and 90th percentile (nearest rank) from an aggregate row's columns {@code first} and {@code first + 1}. */
  private static Map<String, Object> spread(long count, ResultSet rs, int first) throws SQLException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", count);
    result.put("median", count == 0 ? null : whole(rs, first));
    result.put("p90", count == 0 ? null : whole(rs, first + 1));
    return result;
  }

  /** A whole number column, or null (PostgreSQL's driver gives an INT only as an Integer). */
  private static Long whole(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column) instanceof Number n ? n.longValue() : null;
  }

  private static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
  }
}
