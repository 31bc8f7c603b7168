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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The dashboard's tallies per UTC day and severity, for a period. What a closed case adds to a day never changes, so
 * each whole day before today is added up once from the closed cases of the case summary and kept in
 * {@code rebound_case_day}, a whole month once more in {@code rebound_case_month}; the open cases that count for the
 * period (opened or warned in it) are added on each request, whatever their age (a case left open for months costs
 * one row, not every day since). When a case closes, the kept days it counts for and their months are dropped
 * ({@link #caseClosed}), in its transaction and again after its commit, and are added up again when next asked for;
 * a day or month written while a case of it was closing is checked once more and dropped if it missed it. The part-days at a
 * period's ends and today are added up from the case summary on each request; so is a client's period (a client has
 * few cases). Severity "" is a case without one.
 */
@Component
class DayTallies {

  /** Longer than any transaction closing a case lasts. */
  static final java.time.Duration CLOSING_AT_MOST = java.time.Duration.ofMinutes(10);

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
      summed(days, from, to, client, Cases.ALL);
      return days;
    }
    LocalDate firstWhole = day(from).atStartOfDay(ZoneOffset.UTC).toInstant().equals(from) ? day(from) : day(from).plusDays(1);
    LocalDate today = day(now);
    LocalDate end = day(to).isBefore(today) ? day(to) : today;
    if (!firstWhole.isBefore(end)) {
      summed(days, from, to, null, Cases.ALL);
      return days;
    }
    summed(days, from, start(firstWhole), null, Cases.ALL);
    LocalDate firstMonth = firstWhole.getDayOfMonth() == 1 ? firstWhole : firstWhole.withDayOfMonth(1).plusMonths(1);
    LocalDate endMonth = end.withDayOfMonth(1);
    if (byMonth && firstMonth.isBefore(endMonth)) {
      kept(days, firstWhole, firstMonth);
      keptMonths(days, firstMonth, endMonth);
      kept(days, endMonth, end);
    } else {
      kept(days, firstWhole, end);
    }
    summed(days, start(firstWhole), start(end), null, Cases.OPEN);
    summed(days, start(end), to, null, Cases.ALL);
    return days;
  }

  /**
   * A case closed: the kept days it counts for (opened, warned, closed: today, unless its row was written so) and their months no longer hold all of their closed
   * cases. Dropped now, in the closing transaction, and once more after it commits, for a request that added them up
   * meanwhile from what it read before.
   */
  static void caseClosed(JdbcTemplate jdbc, String processInstanceId) {
    java.util.Set<LocalDate> itsDays = daysCounted(jdbc, "process_instance_id = ?", processInstanceId);
    if (itsDays.isEmpty()) {
      return;
    }
    drop(jdbc, itsDays);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          drop(jdbc, itsDays);
        }
      });
    }
  }

  private static void drop(JdbcTemplate jdbc, java.util.Set<LocalDate> itsDays) {
    for (LocalDate day : itsDays) {
      jdbc.update("DELETE FROM rebound_case_day WHERE tally_day = ?", Date.valueOf(day));
      jdbc.update("DELETE FROM rebound_case_month WHERE tally_month = ?", Date.valueOf(day.withDayOfMonth(1)));
    }
  }

  /** Whose rows are added up: every case's, the closed ones' (what is kept), or the open ones' (added on each request). */
  private enum Cases {
    ALL(""), CLOSED(" AND state <> 'open'"), OPEN(" AND state = 'open'");

    private final String where;

    Cases(String where) {
      this.where = where;
    }
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
        Instant builtAt = Instant.now();
        tallies = monthOfKeptDays(month);
        try {
          jdbc.update("INSERT INTO rebound_case_month (tally_month, tallies, built_at) VALUES (?, ?, ?)", Date.valueOf(month), write(tallies),
              Timestamp.from(builtAt));
          LocalDate itsMonth = month;
          if (daysOfCasesClosedSince(builtAt).stream().anyMatch(day -> day.withDayOfMonth(1).equals(itsMonth))
              && !write(monthOfKeptDays(month)).equals(write(tallies))) {
            // a case of the month closed while it was added up
            jdbc.update("DELETE FROM rebound_case_month WHERE tally_month = ?", Date.valueOf(month));
          }
        } catch (DuplicateKeyException anotherRequestKeptItFirst) {
          // the same numbers
        }
      }
      days.put(month, tallies);
    }
  }

  private Map<String, Tally> monthOfKeptDays(LocalDate month) {
    TreeMap<LocalDate, Map<String, Tally>> itsDays = new TreeMap<>();
    kept(itsDays, month, month.plusMonths(1));
    Map<String, Tally> sum = new TreeMap<>();
    itsDays.values().forEach(day -> day.forEach((severity, tally) -> sum.computeIfAbsent(severity, s -> new Tally()).add(tally)));
    return sum;
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
    Timestamp builtAt = Timestamp.from(Instant.now());
    TreeMap<LocalDate, Map<String, Tally>> added = closedCases(first, end);
    List<Object[]> rows = new ArrayList<>();
    for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
      rows.add(new Object[] {Date.valueOf(day), write(added.getOrDefault(day, Map.of())), builtAt});
    }
    try {
      jdbc.batchUpdate("INSERT INTO rebound_case_day (tally_day, tallies, built_at) VALUES (?, ?, ?)", rows);
      // a case of these days that closed while they were added up (its own drop may have come before these rows)
      for (LocalDate day : daysOfCasesClosedSince(builtAt.toInstant())) {
        if (!day.isBefore(first) && day.isBefore(end)
            && !write(closedCases(day, day.plusDays(1)).getOrDefault(day, Map.of())).equals(write(added.getOrDefault(day, Map.of())))) {
          jdbc.update("DELETE FROM rebound_case_day WHERE tally_day = ?", Date.valueOf(day));
        }
      }
    } catch (DuplicateKeyException anotherRequestKeptThemFirst) {
      // the same numbers, added up by another request or node at the same time
    }
    days.putAll(added);
  }

  /**
   * The days counted by the cases closed since a moment, less the longest a closing transaction may take (its
   * {@code closed_at} is written before it commits).
   */
  private java.util.Set<LocalDate> daysOfCasesClosedSince(Instant moment) {
    return daysCounted(jdbc, "closed_at >= ?", Timestamp.from(moment.minus(CLOSING_AT_MOST)));
  }

  /** The days the cases {@code where} finds count for: opened, warned, closed. */
  private static java.util.Set<LocalDate> daysCounted(JdbcTemplate jdbc, String where, Object argument) {
    java.util.Set<LocalDate> itsDays = new java.util.HashSet<>();
    jdbc.query("SELECT opened_at, rto_warning_at, closed_at FROM rebound_case WHERE " + where, rs -> {
      for (int column = 1; column <= 3; column++) {
        Timestamp at = rs.getTimestamp(column);
        if (at != null) {
          itsDays.add(day(at.toInstant()));
        }
      }
    }, argument);
    return itsDays;
  }

  private TreeMap<LocalDate, Map<String, Tally>> closedCases(LocalDate first, LocalDate end) {
    TreeMap<LocalDate, Map<String, Tally>> added = new TreeMap<>();
    summed(added, start(first), start(end), null, Cases.CLOSED);
    return added;
  }

  /** Adds up the case summary's rows for {@code [from, to)}: cases opened, cases closed and warnings given in it. */
  private void summed(TreeMap<LocalDate, Map<String, Tally>> days, Instant from, Instant to, String client, Cases cases) {
    if (!from.isBefore(to)) {
      return;
    }
    String narrow = (client == null ? "" : " AND client_id = ?") + cases.where;
    Object[] args = client == null ? new Object[] {Timestamp.from(from), Timestamp.from(to)}
        : new Object[] {Timestamp.from(from), Timestamp.from(to), client};
    jdbc.query("SELECT opened_at, severity, response_minutes FROM rebound_case WHERE opened_at >= ? AND opened_at < ?" + narrow,
        rs -> {
          tally(days, rs.getTimestamp(1), rs.getString(2)).openedCase(Tally.whole(rs, 3));
        }, args);
    if (cases != Cases.OPEN) {
      jdbc.query("SELECT closed_at, severity, " + Tally.CLOSED_COLUMNS + " FROM rebound_case WHERE closed_at >= ? AND closed_at < ?"
          + narrow, rs -> {
            tally(days, rs.getTimestamp(1), rs.getString(2)).closedCase(rs, 3);
          }, args);
    }
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
      // by severity, in order: the same tallies are the same text
      return mapper.writeValueAsString(new TreeMap<>(tallies));
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
