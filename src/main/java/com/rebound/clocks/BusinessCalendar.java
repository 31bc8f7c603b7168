package com.rebound.clocks;

import com.rebound.clients.Client;
import com.rebound.clients.PublicHolidays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Adds working time to a moment: on a client's business days between its opening and closing time,
 * in its time zone, except its public holidays. A clock that starts outside business hours starts counting at the
 * next opening.
 */
final class BusinessCalendar {

  private final Set<DayOfWeek> days;
  private final LocalTime opens;
  private final LocalTime closes;
  private final ZoneId zone;
  private final Predicate<LocalDate> holiday;

  BusinessCalendar(String days, String opens, String closes, String zone) {
    this(days, opens, closes, zone, day -> false);
  }

  /** A client's hours, with the public holidays its profile names. */
  static BusinessCalendar of(Client.BusinessHours hours) {
    Predicate<LocalDate> holiday = PublicHolidays.of(hours.publicHolidays()).<Predicate<LocalDate>>map(h -> h::isHoliday)
        .orElse(day -> false);
    return new BusinessCalendar(hours.days(), hours.start(), hours.end(), hours.timeZone(), holiday);
  }

  BusinessCalendar(String days, String opens, String closes, String zone, Predicate<LocalDate> holiday) {
    this.holiday = holiday;
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
      if (!worksOn(day)) {
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
    // a week and the longest run of holidays next to it
    for (int i = 0; i < 31; i++) {
      if (worksOn(t)) {
        if (t.toLocalTime().isBefore(opens)) {
          return t.with(opens);
        }
        if (t.toLocalTime().isBefore(closes)) {
          return t;
        }
      }
      t = t.plusDays(1).with(opens);
    }
    throw new IllegalStateException("no business hours in a month");
  }

  private boolean worksOn(ZonedDateTime day) {
    return days.contains(day.getDayOfWeek()) && !holiday.test(day.toLocalDate());
  }
}
