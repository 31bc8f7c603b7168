package com.rebound.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Business time: a client's clock runs only on its business days between opening and closing. */
class BusinessCalendarTest {

  private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  private final BusinessCalendar office = new BusinessCalendar("MON,TUE,WED,THU,FRI", "08:00", "18:00", "Europe/Madrid");

  @ParameterizedTest(name = "{0} + {1} min -> {2}")
  @CsvSource({
      "2026-11-24T09:00, 120, 2026-11-24T11:00",   // Tuesday morning: plain addition
      "2026-11-27T17:30, 60, 2026-11-30T08:30",    // Friday late: half an hour now, the rest on Monday
      "2026-11-28T10:00, 60, 2026-11-30T09:00",    // Saturday: starts counting on Monday at opening
      "2026-11-24T06:00, 30, 2026-11-24T08:30",    // before opening: counts from opening
      "2026-11-25T17:00, 660, 2026-11-26T18:00",   // Wednesday 17:00 + 11 h: 1 h today, 10 h on Thursday
      "2026-11-24T20:00, 240, 2026-11-25T12:00"})  // after closing: the next day
  void addsOnlyBusinessTime(String from, long minutes, String expected) {
    ZonedDateTime start = java.time.LocalDateTime.parse(from).atZone(MADRID);
    assertThat(office.plus(start.toInstant(), Duration.ofMinutes(minutes)))
        .isEqualTo(java.time.LocalDateTime.parse(expected).atZone(MADRID).toInstant());
  }

  @ParameterizedTest(name = "{0} to {1} -> {2} min")
  @CsvSource({
      "2026-11-24T09:00, 2026-11-24T11:00, 120",   // within a day
      "2026-11-27T16:00, 2026-11-30T10:00, 240",   // Friday afternoon to Monday morning: a night and a weekend
      "2026-11-28T10:00, 2026-11-29T20:00, 0",     // a weekend only
      "2026-11-24T20:00, 2026-11-25T07:00, 0",     // a night only
      "2026-11-24T10:00, 2026-11-24T09:00, 0",     // backwards
      "2026-11-25T17:00, 2026-11-26T18:00, 660"})  // the inverse of plus: Wednesday 17:00 to Thursday 18:00
  void measuresOnlyBusinessTime(String from, String to, long minutes) {
    assertThat(office.between(java.time.LocalDateTime.parse(from).atZone(MADRID).toInstant(),
        java.time.LocalDateTime.parse(to).atZone(MADRID).toInstant())).isEqualTo(Duration.ofMinutes(minutes));
  }
}
