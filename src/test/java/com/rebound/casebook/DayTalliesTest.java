package com.rebound.casebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard added up from kept daily tallies answers what the database says of the cases themselves: 1,500
 * random cases of the first half of 2001 (no other test uses it) written straight into the case summary, the
 * expected numbers from SQL over those rows (exact percentiles, stepped as {@link Spread} says), a period of
 * 162 days asked twice (the first time adds the days up and keeps them, the second reads them),
 * by severity and for one client. A case still open is added on each request to the kept days of its closed cases; when it
 * closes, its days are added up again.
 */
@ReboundSpringBootTest
class DayTalliesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FROM = "2001-01-10";
  private static final String TO = "2001-06-20";
  private static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4", null};
  private static final String[] INTEREST = {"accepted", "declined", "considering", null};

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  @AfterEach
  void noCasesOf2001() {
    jdbc.update("DELETE FROM rebound_case WHERE process_instance_id LIKE 'tally-test-%'");
    jdbc.update("DELETE FROM rebound_case_day WHERE tally_day < DATE '2002-01-01'");
    jdbc.update("DELETE FROM rebound_case_month WHERE tally_month < DATE '2002-01-01'");
  }

  @Test
  void keptDaysGiveTheNumbersOfTheCasesThemselves() throws Exception {
    insertCases(1_500, 2001);
    JsonNode first = metrics("");
    assertThat(keptDays()).as("every whole day of the period is kept, empty ones too").isEqualTo(162);
    JsonNode again = metrics("");
    // "now" lists the open cases of the whole database, which other tests move meanwhile: the period's numbers are compared
    assertThat(again.get("totals")).as("read back from the kept days").isEqualTo(first.get("totals"));
    assertThat(again.get("series")).isEqualTo(first.get("series"));
    assertEqualsTheCases(first.get("totals"), "");
    long openedInSeries = 0;
    for (JsonNode point : first.get("series")) {
      openedInSeries += point.get("opened").asLong();
    }
    assertThat(openedInSeries).isEqualTo(first.get("totals").get("casesOpened").asLong());
    assertThat(first.get("period").get("bucket").asText()).isEqualTo("week");

    assertEqualsTheCases(metrics("&severity=SEV2").get("totals"), " AND severity = 'SEV2'");
    assertEqualsTheCases(metrics("&client=tally-3").get("totals"), " AND client_id = 'tally-3'");

    JsonNode year = metrics("2000-12-20", "2001-12-31", "");
    assertThat(year.get("period").get("bucket").asText()).isEqualTo("month");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case_month WHERE tally_month < DATE '2002-01-01'", Long.class))
        .as("each whole month of 2001 kept once, summed from its days").isEqualTo(12);
    JsonNode yearAgain = metrics("2000-12-20", "2001-12-31", "");
    assertThat(yearAgain.get("totals")).as("read back from the kept months").isEqualTo(year.get("totals"));
    assertThat(yearAgain.get("series")).isEqualTo(year.get("series"));
    assertEqualsTheCases(year.get("totals"), "", "2000-12-20", "2002-01-01");
    assertThat(year.get("series")).hasSize(13);
    assertThat(year.get("series").get(3).get("from").asText()).isEqualTo("2001-03-01");
    assertThat(year.get("series").get(3).get("opened").asLong())
        .isEqualTo(count("SELECT COUNT(*) FROM rebound_case WHERE opened_at >= ? AND opened_at < ?", new Object[] {
            Timestamp.from(Instant.parse("2001-03-01T00:00:00Z")), Timestamp.from(Instant.parse("2001-04-01T00:00:00Z"))}));
  }

  @Test
  void aCaseStillOpenIsAddedOnEachRequest_andItsDayIsAddedUpAgainWhenItCloses() throws Exception {
    insertCases(300, 2001);
    Object[] april1 = {Timestamp.from(Instant.parse("2001-04-01T00:00:00Z")), Timestamp.from(Instant.parse("2001-04-02T00:00:00Z"))};
    String open = jdbc.queryForObject("SELECT MIN(process_instance_id) FROM rebound_case WHERE process_instance_id LIKE 'tally-test-%' "
        + "AND opened_at >= ? AND opened_at < ?", String.class, april1);
    jdbc.update("UPDATE rebound_case SET state = 'open', closed_at = NULL, outcome = NULL, severity = 'SEV1', "
        + "rto_warning_at = opened_at + INTERVAL '2' DAY WHERE process_instance_id = ?", open);
    assertEqualsTheCases(metrics("").get("totals"), "");
    assertThat(keptDays()).as("an open case keeps no day from being kept").isEqualTo(162);
    assertThat(openedInKeptDay("2001-04-01")).as("the day kept holds its closed cases only")
        .isEqualTo(count("SELECT COUNT(*) FROM rebound_case WHERE opened_at >= ? AND opened_at < ? AND state = 'closed'", april1))
        .isEqualTo(count("SELECT COUNT(*) FROM rebound_case WHERE opened_at >= ? AND opened_at < ?", april1) - 1);
    metrics("2000-12-20", "2001-12-31", "");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case_month WHERE tally_month = DATE '2001-04-01'", Long.class)).isOne();

    // it closes as CaseSummaries closes a case: its row, then its kept days and their month dropped
    jdbc.update("UPDATE rebound_case SET state = 'closed', closed_at = opened_at + INTERVAL '3' DAY, outcome = 'recovered' "
        + "WHERE process_instance_id = ?", open);
    DayTallies.caseClosed(jdbc, open);
    assertThat(jdbc.queryForList("SELECT tally_day FROM rebound_case_day WHERE tally_day >= DATE '2001-04-01' "
        + "AND tally_day < DATE '2001-04-05'", java.sql.Date.class)).extracting(Object::toString)
        .as("its opened, warned and closed days dropped").containsExactly("2001-04-02");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case_month WHERE tally_month = DATE '2001-04-01'", Long.class)).isZero();
    assertEqualsTheCases(metrics("").get("totals"), "");
    assertEqualsTheCases(metrics("2000-12-20", "2001-12-31", "").get("totals"), "", "2000-12-20", "2002-01-01");
    assertThat(keptDays()).as("added up again").isEqualTo(162);
    assertThat(openedInKeptDay("2001-04-01")).as("with the case closed")
        .isEqualTo(count("SELECT COUNT(*) FROM rebound_case WHERE opened_at >= ? AND opened_at < ?", april1));
  }

  /** The cases opened on a day, as its kept tallies count them (every severity). */
  private long openedInKeptDay(String day) throws Exception {
    long opened = 0;
    for (JsonNode tally : JSON.readTree(jdbc.queryForObject("SELECT tallies FROM rebound_case_day WHERE tally_day = DATE '" + day + "'",
        String.class))) {
      opened += tally.get("opened").asLong();
    }
    return opened;
  }

  @Test
  void stepsAndNearestRanks() {
    assertThat(List.of(0, 60, 61, 480, 481, 2_880, 2_881, 10_080, 10_081)).extracting(Spread::step)
        .containsExactly(0, 60, 65, 480, 495, 2_880, 2_940, 10_080, 10_440);
    Spread spread = new Spread();
    for (int minutes = 1; minutes <= 10; minutes++) {
      spread.add(minutes);
    }
    assertThat(spread.percentile(0.9)).as("nearest rank of 10: the 9th").isEqualTo(9);
    assertThat(spread.percentile(0.5)).isEqualTo(5);
    assertThat(new Spread().percentile(0.5)).isNull();
  }

  private JsonNode metrics(String narrow) throws Exception {
    return metrics(FROM, TO, narrow);
  }

  private JsonNode metrics(String from, String to, String narrow) throws Exception {
    var answer = ApiCalls.call(port, "manager", "GET", "/api/metrics?from=" + from + "&to=" + to + narrow, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private long keptDays() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case_day WHERE tally_day >= DATE '2001-01-10' AND tally_day <= DATE '2001-06-20'", Long.class);
  }

  /** The totals against SQL over the case rows of the period (narrowed by {@code where}). */
  private void assertEqualsTheCases(JsonNode totals, String where) {
    // the period's days, the last one included
    assertEqualsTheCases(totals, where, FROM, "2001-06-21");
  }

  private void assertEqualsTheCases(JsonNode totals, String where, String from, String toExcluded) {
    Object[] period = {Timestamp.from(Instant.parse(from + "T00:00:00Z")), Timestamp.from(Instant.parse(toExcluded + "T00:00:00Z"))};
    String opened = " FROM rebound_case WHERE opened_at >= ? AND opened_at < ?" + where;
    String closed = " FROM rebound_case WHERE closed_at >= ? AND closed_at < ?" + where;
    assertThat(totals.get("casesOpened").asLong()).isEqualTo(count("SELECT COUNT(*)" + opened, period));
    assertThat(totals.get("casesClosed").asLong()).isEqualTo(count("SELECT COUNT(*)" + closed, period));
    assertThat(totals.get("timeToRespondMinutes").get("median").asLong())
        .isEqualTo(nearestRank(values("SELECT response_minutes" + opened, period), 1, 2));
    assertThat(totals.get("timeToRecoverMinutes").get("p90").asLong())
        .isEqualTo(nearestRank(values("SELECT recovery_minutes" + closed, period), 9, 10));
    assertThat(totals.get("timeToRecoverMinutes").get("count").asLong()).isEqualTo(count("SELECT COUNT(recovery_minutes)" + closed, period));
    long met = count("SELECT COUNT(*)" + closed + " AND recovered_at <= rto_deadline", period);
    long late = count("SELECT COUNT(*)" + closed + " AND recovered_at > rto_deadline", period);
    assertThat(totals.get("rtoCounted").asLong()).isEqualTo(met + late);
    assertThat(totals.get("rtoMetPercent").asDouble()).isEqualTo(Math.round(met * 1000.0 / (met + late)) / 10.0);
    assertThat(totals.get("rpoCounted").asLong()).isEqualTo(count("SELECT COUNT(*)" + closed
        + " AND rpo_hours IS NOT NULL AND data_loss_hours IS NOT NULL", period));
    assertThat(totals.get("restorations").asLong()).isEqualTo(count("SELECT COUNT(*)" + closed + " AND restored", period));
    assertThat(totals.get("unrecoverable").asLong()).isEqualTo(count("SELECT COUNT(*)" + closed + " AND outcome = 'unrecoverable'", period));
    long recovered = count("SELECT COUNT(*)" + closed + " AND recovered_at IS NOT NULL", period);
    long rounds = count("SELECT COALESCE(SUM(acceptance_rounds), 0)" + closed + " AND recovered_at IS NOT NULL", period);
    assertThat(totals.get("roundsPerCase").asDouble()).isEqualTo(Math.round(rounds * 100.0 / recovered) / 100.0);
    assertThat(totals.get("preventionCounted").asLong()).isEqualTo(count("SELECT COUNT(prevention_interest)" + closed, period));
    // and a case opened in the period, still open, past its deadline
    long openBreached = count("SELECT COUNT(*)" + opened + " AND state = 'open' AND ((recovered_at IS NOT NULL AND recovered_at > rto_deadline) "
        + "OR (recovered_at IS NULL AND rto_deadline < CURRENT_TIMESTAMP))", period);
    assertThat(totals.get("breaches").asLong()).isEqualTo(late + openBreached);
    assertThat(totals.get("rtoWarnings").asLong())
        .isEqualTo(count("SELECT COUNT(*) FROM rebound_case WHERE rto_warning_at >= ? AND rto_warning_at < ?" + where, period));
  }

  /** The value of rank ceil(n * part / whole) among the sorted values, stepped as {@link Spread} keeps it. */
  private static long nearestRank(List<Integer> values, int part, int whole) {
    List<Integer> sorted = values.stream().sorted().toList();
    int rank = (sorted.size() * part + whole - 1) / whole;
    return Spread.step(sorted.get(rank - 1));
  }

  private List<Integer> values(String sql, Object[] args) {
    return jdbc.query(sql, (rs, n) -> rs.getObject(1) instanceof Number v ? v.intValue() : null, args).stream()
        .filter(java.util.Objects::nonNull).toList();
  }

  private long count(String sql, Object[] args) {
    Number n = jdbc.queryForObject(sql, Number.class, args);
    return n == null ? 0 : n.longValue();
  }

  /** Closed cases opened through {@code year}'s first half, a few lasting days, all with fields the dashboard counts. */
  private void insertCases(int cases, int year) {
    SplittableRandom random = new SplittableRandom(cases);
    Instant start = Instant.parse(year + "-01-01T00:00:00Z");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      Instant opened = start.plusSeconds(random.nextLong(Duration.ofDays(181).toSeconds()));
      Instant detected = opened.minusSeconds(random.nextLong(7_200));
      Instant assessed = opened.plusSeconds(60 + random.nextLong(20_000));
      Instant deadline = assessed.plus(Duration.ofHours(8));
      boolean unrecoverable = random.nextInt(20) == 0;
      Instant recovered = unrecoverable ? null : assessed.plusSeconds(random.nextLong(4 * 86_400));
      Instant closed = (recovered != null ? recovered : assessed).plusSeconds(random.nextLong(86_400));
      Instant warning = random.nextBoolean() ? assessed.plus(Duration.ofHours(6)) : null;
      rows.add(new Object[] {"tally-test-" + i, String.format("DR-%d-7%05d", year, i), ts(opened), "tally-" + random.nextInt(10),
          SEVERITIES[random.nextInt(SEVERITIES.length)], ts(detected), ts(assessed), ts(deadline), ts(warning), ts(recovered),
          unrecoverable ? 0 : 1 + random.nextInt(3), random.nextInt(10) == 0, unrecoverable ? null : random.nextInt(30),
          random.nextBoolean() ? null : 8, INTEREST[random.nextInt(INTEREST.length)], ts(closed),
          unrecoverable ? "unrecoverable" : "recovered", (int) Duration.between(opened, assessed).toMinutes(),
          recovered == null ? null : (int) Duration.between(detected, recovered).toMinutes()});
    }
    jdbc.batchUpdate("INSERT INTO rebound_case (process_instance_id, case_number, opened_at, client_id, severity, state, detected_at, "
        + "assessed_at, rto_deadline, rto_warning_at, recovered_at, acceptance_rounds, restored, data_loss_hours, rpo_hours, "
        + "prevention_interest, closed_at, outcome, response_minutes, recovery_minutes) "
        + "VALUES (?, ?, ?, ?, ?, 'closed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
