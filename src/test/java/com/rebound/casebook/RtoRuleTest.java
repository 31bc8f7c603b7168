package com.rebound.casebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import com.rebound.clocks.RtoRule;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One RTO rule: for every kind of case (no deadline, deadline past or ahead; not recovered, recovered in time or late;
 * open or closed; recovering or unrecoverable), the console's SQL filter of each status picks exactly the cases whose
 * status the Java rule (the case pages, the report, the API) gives as that status.
 */
@ReboundSpringBootTest
class RtoRuleTest {

  private static final String CLIENT = "rto-rule-test";
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /** One kind of case, as its row records it. */
  record Kind(String number, Instant deadline, Instant recoveredAt, boolean closed, String approach) {
    String status() {
      return RtoRule.status(deadline, recoveredAt, closed, "unrecoverable".equals(approach), NOW);
    }
  }

  static List<Kind> kinds;

  @BeforeAll
  static void kinds(@Autowired JdbcTemplate jdbc) {
    kinds = new ArrayList<>();
    Instant[] deadlines = {null, NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(2))};
    int n = 0;
    for (Instant deadline : deadlines) {
      Instant[] recoveries = deadline == null ? new Instant[] {null, NOW.minus(Duration.ofHours(1))}
          : new Instant[] {null, deadline.minus(Duration.ofMinutes(30)), deadline.plus(Duration.ofMinutes(30)), deadline};
      for (Instant recoveredAt : recoveries) {
        for (boolean closed : new boolean[] {false, true}) {
          for (String approach : new String[] {null, "recover", "unrecoverable"}) {
            Kind kind = new Kind("RTO-RULE-" + (++n), deadline, recoveredAt, closed, approach);
            kinds.add(kind);
            jdbc.update("INSERT INTO rebound_case (process_instance_id, case_number, opened_at, client_id, state, rto_deadline, "
                + "recovered_at, approach) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", kind.number(), kind.number(),
                Timestamp.from(NOW.minus(Duration.ofDays(1))), CLIENT, closed ? "closed" : "open", timestamp(deadline),
                timestamp(recoveredAt), approach);
          }
        }
      }
    }
  }

  @AfterAll
  static void forget(@Autowired JdbcTemplate jdbc) {
    jdbc.update("DELETE FROM rebound_case WHERE client_id = ?", CLIENT);
  }

  static List<String> statuses() {
    return RtoRule.STATUSES;
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void theSqlFilterPicksTheCasesTheJavaRuleGivesThatStatus(String status, @Autowired JdbcTemplate jdbc) {
    List<Object> args = new ArrayList<>(List.of(CLIENT));
    if (RtoRule.sqlTakesNow(status)) {
      args.add(Timestamp.from(NOW));
    }
    Set<String> bySql = new HashSet<>(jdbc.queryForList("SELECT case_number FROM rebound_case WHERE client_id = ? AND ("
        + RtoRule.sql(status) + ")", String.class, args.toArray()));
    Set<String> byJava = new HashSet<>(kinds.stream().filter(k -> k.status().equals(status)).map(Kind::number).toList());
    assertThat(byJava).as("some kind of case is %s", status).isNotEmpty();
    assertThat(bySql).as("the cases the SQL filter calls %s", status).isEqualTo(byJava);
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
