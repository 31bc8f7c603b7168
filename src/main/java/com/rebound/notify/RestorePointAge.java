package com.rebound.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** When a restore point was taken, as a runbook's form sends it (form-js's date and time with its offset) or as a date. */
final class RestorePointAge {

  private static final List<DateTimeFormatter> WITH_OFFSET = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]Z"), DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]XXX"));

  private RestorePointAge() {
  }

  /** The moment, or empty when it is missing or not a date and time with its offset (nothing is guessed). */
  static Optional<Instant> instant(Object value) {
    if (value instanceof Date date) {
      return Optional.of(date.toInstant());
    }
    if (!(value instanceof String text) || text.isBlank()) {
      return Optional.empty();
    }
    for (DateTimeFormatter format : WITH_OFFSET) {
      try {
        return Optional.of(OffsetDateTime.parse(text.trim(), format).toInstant());
      } catch (DateTimeParseException notThisOne) {
        // the next form
      }
    }
    return Optional.empty();
  }
}
