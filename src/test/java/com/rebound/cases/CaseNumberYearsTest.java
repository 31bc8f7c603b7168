package com.rebound.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A case start finds its year's counter made already (this year's and next year's are made when Rebound starts), so it
 * never needs a second connection; a year nobody started Rebound in still gets its counter from its first case.
 */
@ReboundSpringBootTest
class CaseNumberYearsTest {

  private static final int FAR_YEAR = 2101;

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  CaseNumbers numbers;

  @AfterEach
  void back() {
    ClockUtil.reset();
    jdbc.update("DELETE FROM rebound_case_number WHERE case_year = ?", FAR_YEAR);
  }

  @Test
  void thisYearsAndNextYearsCountersAreThereFromTheStart_aLaterYearGetsOneFromItsFirstCase() {
    int year = ZonedDateTime.now(ZoneId.systemDefault()).getYear();
    assertThat(jdbc.queryForList("SELECT case_year FROM rebound_case_number WHERE case_year IN (?, ?)", Integer.class, year, year + 1))
        .containsExactlyInAnyOrder(year, year + 1);

    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(FAR_YEAR, 3, 1, 10, 0, 0, 0, ZoneId.systemDefault()).toInstant()));
    assertThat(jdbc.queryForList("SELECT case_year FROM rebound_case_number WHERE case_year = ?", Integer.class, FAR_YEAR)).isEmpty();
    assertThat(numbers.next()).isEqualTo("DR-2101-0001");
    assertThat(numbers.next()).isEqualTo("DR-2101-0002");
  }
}
