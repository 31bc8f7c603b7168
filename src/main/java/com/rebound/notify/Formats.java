package com.rebound.notify;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.Locale;

/** Dates and numbers as a reader in one language and time zone expects them ({@code fmt} in the templates). */
public final class Formats {

  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter date;
  private final ZoneId zone;

  public Formats(String language, String timeZone) {
    Locale locale = Locale.forLanguageTag(language);
    this.zone = zoneOf(timeZone);
    this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).withZone(zone);
    this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
  }

  /** A date-time (Date or Instant) without the zone's name (a page that names its zone once), or "–" when there is none. */
  public String time(Object value) {
    java.time.Instant instant = instant(value);
    return instant == null ? "–" : dateTime.format(instant);
  }

  /** The zone the dates are shown in. */
  public String zone() {
    return zone.getId();
  }

  /** A date-time (Date or Instant) with the zone's name, or "–" when there is none. */
  public String dateTime(Object value) {
    java.time.Instant instant = instant(value);
    return instant == null ? "–" : dateTime.format(instant) + " (" + zone.getId() + ")";
  }

  public String date(Object value) {
    java.time.Instant instant = instant(value);
    return instant == null ? "–" : date.format(instant);
  }

  /** A day given as yyyy-MM-dd (an action item's due day), in the reader's way of writing days. */
  public String day(Object value) {
    try {
      return value == null ? "–" : date.format(java.time.LocalDate.parse(String.valueOf(value)).atStartOfDay(zone).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return String.valueOf(value);
    }
  }

  /** Hours with one decimal when needed: 4, 4.5. */
  public String hours(double hours) {
    double rounded = Math.round(hours * 10) / 10.0;
    return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
  }

  private static java.time.Instant instant(Object value) {
    if (value instanceof Date d) {
      return d.toInstant();
    }
    return value instanceof java.time.Instant i ? i : null;
  }

  private static ZoneId zoneOf(String timeZone) {
    try {
      return timeZone == null ? ZoneId.of("Europe/Madrid") : ZoneId.of(timeZone);
    } catch (java.time.DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
