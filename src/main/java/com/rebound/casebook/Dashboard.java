package com.rebound.casebook;

import com.rebound.clocks.RtoRule;
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
 * The managers' numbers for a period, added up from the period's daily tallies ({@link DayTallies}), so a
 * period costs about one stored row per day or month whatever the number of cases; percentiles are nearest-rank to the
 * steps of {@link Spread}. Cases opened in the period count for volume and the time to respond; cases closed in the
 * period count for how recovery went (time to recover, RTO and RPO met, acceptance rounds, restorations,
 * unrecoverable, prevention); a breach is a case closed in the period and recovered late, or opened in it and
 * still open past its deadline. "Now" is every open case, least RTO time left first.
 */
@Service
class Dashboard {

  private static final int NOW_LIMIT = 50;
  private final JdbcTemplate jdbc;
  private final DayTallies tallies;

  Dashboard(JdbcTemplate jdbc, DayTallies tallies) {
    this.jdbc = jdbc;
    this.tallies = tallies;
  }

  Map<String, Object> metrics(CaseFilter filter, Instant now) {
    Narrow narrow = Narrow.of(filter);
    String bucket = bucket(filter);
    TreeMap<LocalDate, Map<String, Tally>> days = tallies.of(filter.from(), filter.to(), filter.client(), now, bucket.equals("month"));
    Tally sum = new Tally();
    days.values().forEach(day -> add(sum, day, filter.severity()));
    // a case opened in the period, still open and past its deadline, is a breach too
    long openBreaches = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case WHERE state = 'open' AND opened_at >= ? AND opened_at < ? AND "
        + RtoRule.sql("breached") + narrow.sql, Long.class, narrow.args(Timestamp.from(filter.from()), Timestamp.from(filter.to()),
            Timestamp.from(now)));

    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("casesOpened", sum.opened);
    totals.put("casesClosed", sum.closed);
    totals.put("timeToRespondMinutes", spread(sum.respond));
    totals.put("timeToRecoverMinutes", spread(sum.recover));
    totals.put("rtoUsedMinutes", spread(sum.rtoUsed));
    totals.put("rtoMetPercent", percent(sum.rtoMet, sum.rtoMet + sum.rtoLate));
    totals.put("rtoCounted", sum.rtoMet + sum.rtoLate);
    totals.put("rpoMetPercent", percent(sum.rpoMet, sum.rpoCounted));
    totals.put("rpoCounted", sum.rpoCounted);
    totals.put("firstRoundAcceptancePercent", percent(sum.firstRound, sum.recovered));
    totals.put("roundsPerCase", sum.recovered == 0 ? null : Math.round(sum.rounds * 100.0 / sum.recovered) / 100.0);
    totals.put("restorations", sum.restorations);
    totals.put("unrecoverable", sum.unrecoverable);
    totals.put("breaches", sum.rtoLate + openBreaches);
    totals.put("rtoWarnings", sum.warnings);
    totals.put("preventionAcceptedPercent", percent(sum.preventionAccepted, sum.preventionCounted));
    totals.put("preventionCounted", sum.preventionCounted);

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("period", Map.of("from", filter.from(), "to", filter.to(), "bucket", bucket));
    Map<String, Object> narrowedTo = new LinkedHashMap<>();
    narrowedTo.put("client", filter.client());
    narrowedTo.put("severity", filter.severity());
    metrics.put("filter", narrowedTo);
    metrics.put("totals", totals);
    metrics.put("series", series(filter, bucket, days));
    metrics.put("now", now(narrow, now));
    return metrics;
  }

  /** A day's tallies of one severity, or of all when none is chosen, added to {@code sum}. */
  private static void add(Tally sum, Map<String, Tally> day, String severity) {
    if (severity == null) {
      day.values().forEach(sum::add);
    } else if (day.containsKey(severity)) {
      sum.add(day.get(severity));
    }
  }

  /** Per day (up to 31 days), week (up to 26 weeks) or month: opened, closed, time to recover and RTO met in each. */
  private static List<Map<String, Object>> series(CaseFilter filter, String bucket, TreeMap<LocalDate, Map<String, Tally>> days) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (LocalDate first = start(filter.from(), bucket); first.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(filter.to());
        first = next(first, bucket)) {
      Tally sum = new Tally();
      days.subMap(first, next(first, bucket)).values().forEach(day -> add(sum, day, filter.severity()));
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("from", first.toString());
      point.put("opened", sum.opened);
      point.put("closed", sum.closed);
      point.put("timeToRecoverMedianMinutes", sum.recover.percentile(0.5));
      point.put("timeToRecoverP90Minutes", sum.recover.percentile(0.9));
      point.put("rtoMetPercent", percent(sum.rtoMet, sum.rtoMet + sum.rtoLate));
      point.put("breaches", sum.rtoLate);
      points.add(point);
    }
    return points;
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

  /** Count, median and 90th percentile (nearest rank, to {@link Spread}'s steps). */
  private static Map<String, Object> spread(Spread spread) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", spread.count());
    result.put("median", spread.percentile(0.5));
    result.put("p90", spread.percentile(0.9));
    return result;
  }

  private static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
  }
}
