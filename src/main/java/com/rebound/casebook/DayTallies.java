package com.rebound.casebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard's tallies per UTC day and severity, for a period. A day is settled once every case that counts
 * for it is closed: it is before today and before the day the oldest open case was opened on (a closed case's row
 * is final, and a case opened later cannot count for an earlier day). A settled day is added up once from the
 * case summary and kept in {@code rebound_case_day}, a settled whole month once more in {@code rebound_case_month},
 * so a period costs one row per day or month whatever the number of cases. Unsettled days and the part-days at a
 * period's ends are added up from the case summary on each request; so is a client's period (a client has few
 * cases). Severity "" is a case without one.
 */
@Component
class DayTallies {

  private final ObjectMapper mapper;
  private static final TypeReference<Map<String, Tally>> DAY = new TypeReference<>() {
  };
  private final JdbcTemplate jdbc;

  DayTallies(JdbcTemplate jdbc, ObjectMapper mapper) {
    this.mapper = mapper;
    this.jdbc = jdbc;
  }

  /**
   * Each day of {@code [from, to)} that has any count, with its tallies by severity; with {@code byMonth}, each
   * settled whole month is one entry instead, under its first day (as a month-by-month series needs no more).
   */
  TreeMap<LocalDate, Map<String, Tally>> of(Instant from, Instant to, String client, Instant now, boolean byMonth) {
    TreeMap<LocalDate, Map<String, Tally>> days = new TreeMap<>();
    if (client != null) {
      summed(days, from, to, client);
      return days;
    }
    LocalDate firstWhole = day(from).atStartOfDay(ZoneOffset.UTC).toInstant().equals(from) ? day(from) : day(from).plusDays(1);
    LocalDate settled = settledBefore(now);
    LocalDate end = day(to).isBefore(settled) ? day(to) : settled;
    if (!firstWhole.isBefore(end)) {
      summed(days, from, to, null);
      return days;
    }
    summed(days, from, start(firstWhole), null);
    LocalDate firstMonth = firstWhole.getDayOfMonth() == 1 ? firstWhole : firstWhole.withDayOfMonth(1).plusMonths(1);
    LocalDate endMonth = end.withDayOfMonth(1);
    if (byMonth && firstMonth.isBefore(endMonth)) {
      kept(days, firstWhole, firstMonth);
      keptMonths(days, firstMonth, endMonth);
      kept(days, endMonth, end);
    } else {
      kept(days, firstWhole, end);
    }
    summed(days, start(end), to, null);
    return days;
  }

  /** Whole settled months: as kept, the missing ones added up from their kept days and kept. */
  private void keptMonths(TreeMap<LocalDate, Map<String, Tally>> days, LocalDate first, LocalDate end) {
    Map<LocalDate, Map<String, Tally>> stored = new HashMap<>();
    jdbc.query("SELECT tally_month, tallies FROM rebound_case_month WHERE tally_month >= ? AND tally_month < ?", rs -> {
      stored.put(rs.getDate(1).toLocalDate(), read(rs.getString(2)));
    }, Date.valueOf(first), Date.valueOf(end));
    for (LocalDate month = first; month.isBefore(end); month = month.plusMonths(1)) {
      Map<String, Tally> tallies = stored.get(month);
      if (tallies == null) {
        TreeMap<LocalDate, Map<String, Tally>> itsDays = new TreeMap<>();
        kept(itsDays, month, month.plusMonths(1));
        Map<String, Tally> sum = new HashMap<>();
        itsDays.values().forEach(day -> day.forEach((severity, tally) -> sum.computeIfAbsent(severity, s -> new Tally()).add(tally)));
        try {
          jdbc.update("INSERT INTO rebound_case_month (tally_month, tallies, built_at) VALUES (?, ?, ?)", Date.valueOf(month), write(sum),
              Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException anotherRequestKeptItFirst) {
          // the same numbers
        }
        tallies = sum;
      }
      days.put(month, tallies);
    }
  }

  /** The first day that may still change: today, or the day the oldest open case was opened on if earlier. */
  private LocalDate settledBefore(Instant now) {
    Timestamp oldestOpen = jdbc.queryForObject("SELECT MIN(opened_at) FROM rebound_case WHERE state = 'open'", Timestamp.class);
    LocalDate today = day(now);
    return oldestOpen != null && day(oldestOpen.toInstant()).isBefore(today) ? day(oldestOpen.toInstant()) : today;
  }

  /** Whole settled days: as kept, the missing ones added up now and kept (an empty day too, so it is not added up again). */
  private void kept(TreeMap<LocalDate, Map<String, Tally>> days, LocalDate first, LocalDate end) {
    Map<LocalDate, Map<String, Tally>> stored = new HashMap<>();
    jdbc.query("SELECT tally_day, tallies FROM rebound_case_day WHERE tally_day >= ? AND tally_day < ?", rs -> {
      stored.put(rs.getDate(1).toLocalDate(), read(rs.getString(2)));
    }, Date.valueOf(first), Date.valueOf(end));
    LocalDate missingFrom = null;
    for (LocalDate day = first; !day.isAfter(end); day = day.plusDays(1)) {
      boolean missing = day.isBefore(end) && !stored.containsKey(day);
      if (missing && missingFrom == null) {
        missingFrom = day;
      } else if (!missing && missingFrom != null) {
        keep(days, missingFrom, day);
        missingFrom = null;
      }
    }
    stored.forEach(days::put);
  }

  private void keep(TreeMap<LocalDate, Map<String, Tally>> days, LocalDate first, LocalDate end) {
    TreeMap<LocalDate, Map<String, Tally>> added = new TreeMap<>();
    summed(added, start(first), start(end), null);
    List<Object[]> rows = new ArrayList<>();
    Timestamp builtAt = Timestamp.from(Instant.now());
    for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
      rows.add(new Object[] {Date.valueOf(day), write(added.getOrDefault(day, Map.of())), builtAt});
    }
    try {
      jdbc.batchUpdate("INSERT INTO rebound_case_day (tally_day, tallies, built_at) VALUES (?, ?, ?)", rows);
    } catch (DuplicateKeyException anotherRequestKeptThemFirst) {
      // the same numbers, added up by another request or node at the same time
    }
    days.putAll(added);
  }

  /** Adds up the case summary's rows for {@code [from, to)}: cases opened, cases closed and warnings given in it. */
  private void summed(TreeMap<LocalDate, Map<String, Tally>> days, Instant from, Instant to, String client) {
    if (!from.isBefore(to)) {
      return;
    }
    String narrow = client == null ? "" : " AND client_id = ?";
    Object[] args = client == null ? new Object[] {Timestamp.from(from), Timestamp.from(to)}
        : new Object[] {Timestamp.from(from), Timestamp.from(to), client};
    jdbc.query("SELECT opened_at, severity, response_minutes FROM rebound_case WHERE opened_at >= ? AND opened_at < ?" + narrow,
        rs -> {
          tally(days, rs.getTimestamp(1), rs.getString(2)).openedCase(Tally.whole(rs, 3));
        }, args);
    jdbc.query("SELECT closed_at, severity, " + Tally.CLOSED_COLUMNS + " FROM rebound_case WHERE closed_at >= ? AND closed_at < ?" + narrow,
        rs -> {
          tally(days, rs.getTimestamp(1), rs.getString(2)).closedCase(rs, 3);
        }, args);
    jdbc.query("SELECT rto_warning_at, severity FROM rebound_case WHERE rto_warning_at >= ? AND rto_warning_at < ?" + narrow, rs -> {
      tally(days, rs.getTimestamp(1), rs.getString(2)).warning();
    }, args);
  }

  private static Tally tally(TreeMap<LocalDate, Map<String, Tally>> days, Timestamp at, String severity) {
    return days.computeIfAbsent(day(at.toInstant()), d -> new HashMap<>()).computeIfAbsent(severity == null ? "" : severity, s -> new Tally());
  }

  private Map<String, Tally> read(String json) throws SQLException {
    try {
      return new HashMap<>(mapper.readValue(json, DAY));
    } catch (JsonProcessingException e) {
      throw new SQLException("rebound_case_day holds a tally that is not Rebound's JSON", e);
    }
  }

  private String write(Map<String, Tally> tallies) {
    try {
      return mapper.writeValueAsString(tallies);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static LocalDate day(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
