package com.rebound.casebook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The managers' numbers for a period, from the case summary alone. Cases opened in the period count for
 * volume and the time to respond; cases closed in the period count for how recovery went (time to recover,
 * RTO and RPO met, acceptance rounds, restorations, unrecoverable, prevention); a breach is a case of either
 * whose RTO status is breached. Percentiles are nearest-rank. "Now" is every open case, least RTO time left first.
 */
@Service
class Dashboard {

  private static final int NOW_LIMIT = 50;
  private final JdbcTemplate jdbc;

  Dashboard(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Map<String, Object> metrics(CaseFilter filter, Instant now) {
    StringBuilder narrow = new StringBuilder();
    List<Object> narrowArgs = new ArrayList<>();
    if (filter.client() != null) {
      narrow.append(" AND client_id = ?");
      narrowArgs.add(filter.client());
    }
    if (filter.severity() != null) {
      narrow.append(" AND severity = ?");
      narrowArgs.add(filter.severity());
    }
    Timestamp from = Timestamp.from(filter.from());
    Timestamp to = Timestamp.from(filter.to());
    List<Object> args = new ArrayList<>(List.of(from, to));
    args.addAll(narrowArgs);
    args.addAll(List.of(from, to));
    args.addAll(narrowArgs);
    // two index ranges (opened, closed) rather than one OR that neither index serves
    List<CaseRow> rows = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM rebound_case WHERE opened_at >= ? AND opened_at < ?" + narrow
        + " UNION SELECT " + CaseRow.COLUMNS + " FROM rebound_case WHERE closed_at >= ? AND closed_at < ?" + narrow, CaseRow::read,
        args.toArray());
    Predicate<CaseRow> openedIn = r -> in(r.openedAt(), filter);
    Predicate<CaseRow> closedIn = r -> in(r.closedAt(), filter);
    List<CaseRow> opened = rows.stream().filter(openedIn).toList();
    List<CaseRow> closed = rows.stream().filter(closedIn).toList();
    List<CaseRow> recovered = closed.stream().filter(r -> r.recoveredAt() != null).toList();
    List<CaseRow> rtoSettled = recovered.stream().filter(r -> r.rtoDeadline() != null).toList();
    List<CaseRow> rpoKnown = closed.stream().filter(r -> !"unknown".equals(r.rpoStatus())).toList();
    List<CaseRow> prevention = closed.stream().filter(r -> r.preventionInterest() != null).toList();

    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("casesOpened", opened.size());
    totals.put("casesClosed", closed.size());
    totals.put("timeToRespondMinutes", percentiles(opened.stream().map(CaseRow::responseMinutes).toList()));
    totals.put("timeToRecoverMinutes", percentiles(recovered.stream().map(CaseRow::recoveryMinutes).toList()));
    totals.put("rtoMetPercent", percent(rtoSettled.stream().filter(r -> "met".equals(r.rtoStatus(now))).count(), rtoSettled.size()));
    totals.put("rtoCounted", rtoSettled.size());
    totals.put("rpoMetPercent", percent(rpoKnown.stream().filter(r -> "met".equals(r.rpoStatus())).count(), rpoKnown.size()));
    totals.put("rpoCounted", rpoKnown.size());
    totals.put("firstRoundAcceptancePercent",
        percent(recovered.stream().filter(r -> r.acceptanceRounds() == 1).count(), recovered.size()));
    totals.put("roundsPerCase", recovered.isEmpty() ? null
        : Math.round(recovered.stream().mapToInt(CaseRow::acceptanceRounds).average().orElse(0) * 100) / 100.0);
    totals.put("restorations", closed.stream().filter(CaseRow::restored).count());
    totals.put("unrecoverable", closed.stream().filter(r -> "unrecoverable".equals(r.outcome())).count());
    totals.put("breaches", rows.stream().filter(r -> closedIn.test(r) || (openedIn.test(r) && r.open()))
        .filter(r -> "breached".equals(r.rtoStatus(now))).count());
    totals.put("rtoWarnings", rows.stream().filter(r -> in(r.rtoWarningAt(), filter)).count());
    totals.put("preventionAcceptedPercent",
        percent(prevention.stream().filter(r -> "accepted".equals(r.preventionInterest())).count(), prevention.size()));
    totals.put("preventionCounted", prevention.size());

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("period", Map.of("from", filter.from(), "to", filter.to(), "bucket", bucket(filter)));
    Map<String, Object> narrowedTo = new LinkedHashMap<>();
    narrowedTo.put("client", filter.client());
    narrowedTo.put("severity", filter.severity());
    metrics.put("filter", narrowedTo);
    metrics.put("totals", totals);
    metrics.put("series", series(filter, opened, closed, now));
    metrics.put("now", now(narrow.toString(), narrowArgs, now));
    return metrics;
  }

  /** Per day (up to 31 days), week (up to 26 weeks) or month: opened, closed, time to recover and RTO met in each. */
  private List<Map<String, Object>> series(CaseFilter filter, List<CaseRow> opened, List<CaseRow> closed, Instant now) {
    String bucket = bucket(filter);
    TreeMap<LocalDate, List<List<CaseRow>>> buckets = new TreeMap<>();
    for (LocalDate day = start(filter.from(), bucket); day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(filter.to());
        day = next(day, bucket)) {
      buckets.put(day, List.of(new ArrayList<>(), new ArrayList<>()));
    }
    opened.forEach(r -> buckets.floorEntry(start(r.openedAt(), bucket)).getValue().get(0).add(r));
    closed.forEach(r -> buckets.floorEntry(start(r.closedAt(), bucket)).getValue().get(1).add(r));
    List<Map<String, Object>> series = new ArrayList<>();
    buckets.forEach((day, cases) -> {
      List<CaseRow> recovered = cases.get(1).stream().filter(r -> r.recoveredAt() != null).toList();
      List<CaseRow> settled = recovered.stream().filter(r -> r.rtoDeadline() != null).toList();
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("from", day.toString());
      point.put("opened", cases.get(0).size());
      point.put("closed", cases.get(1).size());
      Map<String, Object> recovery = percentiles(recovered.stream().map(CaseRow::recoveryMinutes).toList());
      point.put("timeToRecoverMedianMinutes", recovery.get("median"));
      point.put("timeToRecoverP90Minutes", recovery.get("p90"));
      point.put("rtoMetPercent", percent(settled.stream().filter(r -> "met".equals(r.rtoStatus(now))).count(), settled.size()));
      point.put("breaches", cases.get(1).stream().filter(r -> "breached".equals(r.rtoStatus(now))).count());
      series.add(point);
    });
    return series;
  }

  /** Every open case (as narrowed), least RTO time left first; those without agreed objectives after them. */
  private List<Map<String, Object>> now(String narrow, List<Object> narrowArgs, Instant now) {
    List<Object> args = new ArrayList<>(narrowArgs);
    args.add(NOW_LIMIT);
    List<CaseRow> open = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM rebound_case WHERE state = 'open'" + narrow
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

  static String bucket(CaseFilter filter) {
    long days = Duration.between(filter.from(), filter.to()).toDays();
    return days <= 31 ? "day" : days <= 183 ? "week" : "month";
  }

  private static LocalDate start(Instant instant, String bucket) {
    LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
    return switch (bucket) {
      case "week" -> day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      case "month" -> day.withDayOfMonth(1);
      default -> day;
    };
  }

  private static LocalDate next(LocalDate day, String bucket) {
    return switch (bucket) {
      case "week" -> day.plusWeeks(1);
      case "month" -> day.plusMonths(1);
      default -> day.plus(1, ChronoUnit.DAYS);
    };
  }

  private static boolean in(Instant instant, CaseFilter filter) {
    return instant != null && !instant.isBefore(filter.from()) && instant.isBefore(filter.to());
  }

  /** Count, median and 90th percentile (nearest rank) of the values present. */
  static Map<String, Object> percentiles(List<Long> values) {
    List<Long> sorted = values.stream().filter(java.util.Objects::nonNull).sorted().toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", sorted.size());
    result.put("median", rank(sorted, 0.5));
    result.put("p90", rank(sorted, 0.9));
    return result;
  }

  private static Long rank(List<Long> sorted, double quantile) {
    return sorted.isEmpty() ? null : sorted.get((int) Math.ceil(quantile * sorted.size()) - 1);
  }

  private static Double percent(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
  }
}
