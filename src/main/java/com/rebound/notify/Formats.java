package com.rebound.notify;

import com.rebound.clients.PublicHolidays;
import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Dates and numbers as a reader in one language and time zone expects them ({@code fmt} in the templates). */
public final class Formats {

  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter date;
  private final ZoneId zone;
  private final Locale locale;

  public Formats(String language, String timeZone) {
    Locale locale = Locale.forLanguageTag(language);
    this.locale = locale;
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

  /**
   * Business days (MON,TUE,WED,THU,FRI) in the reader's words: a run of days as its first and last ("Monday to Friday",
   * "lunes a viernes" with {@code to} the language's word), other lists day by day.
   */
  public String days(String days, String to) {
    List<DayOfWeek> list = new ArrayList<>();
    for (String day : days.split(",")) {
      list.add(Arrays.stream(DayOfWeek.values())
          .filter(d -> d.name().startsWith(day.trim().toUpperCase(Locale.ROOT))).findFirst().orElseThrow());
    }
    Collections.sort(list);
    boolean run = list.size() > 2 && list.get(list.size() - 1).getValue() - list.get(0).getValue() == list.size() - 1;
    Function<DayOfWeek, String> name = d -> d.getDisplayName(TextStyle.FULL, locale);
    return run ? name.apply(list.get(0)) + " " + to + " " + name.apply(list.get(list.size() - 1))
        : String.join(", ", list.stream().map(name).toList());
  }

  /** Public holidays' place in the reader's language ("España (ES-MD)"), or null for none. */
  public String holidays(PublicHolidays holidays) {
    return holidays == null ? null : holidays.description(locale);
  }

  /** Hours with one decimal when needed, as the reader writes numbers: 4, 4.5 (4,5 in Spanish). */
  public String hours(double hours) {
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMaximumFractionDigits(1);
    number.setGroupingUsed(false);
    return number.format(Math.round(hours * 10) / 10.0);
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
