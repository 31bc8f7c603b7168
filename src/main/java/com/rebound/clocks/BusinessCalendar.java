package com.rebound.clocks;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Adds working time to a moment: on a client's business days between its opening and closing time,
 * in its time zone. A clock that starts outside business hours starts counting at the next opening.
 */
final class BusinessCalendar {

  private final Set<DayOfWeek> days;
  private final LocalTime opens;
  private final LocalTime closes;
  private final ZoneId zone;

  BusinessCalendar(String days, String opens, String closes, String zone) {
    this.days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : days.split(",")) {
      this.days.add(switch (day.trim().toUpperCase(Locale.ROOT)) {
        case "MON" -> DayOfWeek.MONDAY;
        case "TUE" -> DayOfWeek.TUESDAY;
        case "WED" -> DayOfWeek.WEDNESDAY;
        case "THU" -> DayOfWeek.THURSDAY;
        case "FRI" -> DayOfWeek.FRIDAY;
        case "SAT" -> DayOfWeek.SATURDAY;
        case "SUN" -> DayOfWeek.SUNDAY;
        default -> throw new IllegalArgumentException("not a day: " + day);
      });
    }
    if (this.days.isEmpty()) {
      throw new IllegalArgumentException("no business days");
    }
    this.opens = LocalTime.parse(opens);
    this.closes = LocalTime.parse(closes);
    this.zone = ZoneId.of(zone);
  }

  /** The moment when {@code amount} of business time has passed since {@code from}. */
  Instant plus(Instant from, Duration amount) {
    ZonedDateTime at = from.atZone(zone);
    Duration left = amount;
    while (true) {
      at = nextOpenMoment(at);
      ZonedDateTime closing = at.with(closes);
      Duration today = Duration.between(at, closing);
      if (left.compareTo(today) <= 0) {
        return at.plus(left).toInstant();
      }
      left = left.minus(today);
      at = closing.plusDays(1).with(opens);
    }
  }

  /** The business time between two moments (zero when {@code to} is not after {@code from}). */
  Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    ZonedDateTime end = to.atZone(zone);
    for (ZonedDateTime day = from.atZone(zone).toLocalDate().atStartOfDay(zone); !day.isAfter(end); day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      ZonedDateTime open = day.with(opens);
      ZonedDateTime close = day.with(closes);
      Instant start = open.toInstant().isAfter(from) ? open.toInstant() : from;
      Instant stop = close.toInstant().isBefore(to) ? close.toInstant() : to;
      if (stop.isAfter(start)) {
        total = total.plus(Duration.between(start, stop));
      }
    }
    return total;
  }

  private ZonedDateTime nextOpenMoment(ZonedDateTime at) {
    ZonedDateTime t = at;
    for (int i = 0; i < 8; i++) {
      if (days.contains(t.getDayOfWeek())) {
        if (t.toLocalTime().isBefore(opens)) {
          return t.with(opens);
        }
        if (t.toLocalTime().isBefore(closes)) {
          return t;
        }
      }
      t = t.plusDays(1).with(opens);
    }
    throw new IllegalStateException("no business hours in a week");
  }
}
