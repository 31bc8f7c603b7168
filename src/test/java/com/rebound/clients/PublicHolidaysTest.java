package com.rebound.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Jollyday's calendars as a client's profile names them: a country, or a country and its regions. */
class PublicHolidaysTest {

  @Test
  void madridKeepsSpainsHolidaysAndItsOwn_andNotCataloniasNorMothersDay() {
    PublicHolidays madrid = PublicHolidays.of("es-md").orElseThrow();
    assertThat(madrid.code()).isEqualTo("ES-MD");
    assertThat(madrid.description()).isEqualTo("Spain, Madrid (ES-MD)");
    assertThat(madrid.isHoliday(LocalDate.of(2025, 5, 1))).as("Labour Day, national").isTrue();
    assertThat(madrid.isHoliday(LocalDate.of(2025, 5, 2))).as("the Community of Madrid's day").isTrue();
    assertThat(madrid.isHoliday(LocalDate.of(2025, 6, 24))).as("Sant Joan, Catalonia's").isFalse();
    assertThat(madrid.isHoliday(LocalDate.of(2025, 5, 4))).as("Mother's Day, an observance").isFalse();
    PublicHolidays spain = PublicHolidays.of("ES").orElseThrow();
    assertThat(spain.isHoliday(LocalDate.of(2025, 5, 1))).isTrue();
    assertThat(spain.isHoliday(LocalDate.of(2025, 5, 2))).isFalse();
  }

  @Test
  void unknownCountriesAndRegionsAreNone() {
    assertThat(PublicHolidays.of("ES-XX")).isEmpty();
    assertThat(PublicHolidays.of("QQ")).isEmpty();
    assertThat(PublicHolidays.of("ES-MD-<script>")).isEmpty();
    assertThat(PublicHolidays.of(null)).isEmpty();
  }

  @Test
  void spainsPlacesAreListedWithTheirNames() {
    assertThat(PublicHolidays.places("es")).contains(new PublicHolidays.Place("ES", "Spain"),
        new PublicHolidays.Place("ES-MD", "Spain, Madrid"), new PublicHolidays.Place("ES-CT-BCN", "Spain, Catalonia, Barcelona"));
    assertThat(PublicHolidays.places("qq")).isEmpty();
  }
}
