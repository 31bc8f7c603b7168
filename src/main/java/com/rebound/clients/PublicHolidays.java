package com.rebound.clients;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The public holidays a client's clocks skip, as Jollyday knows them by country and region: a code like {@code ES}
 * (Spain's national holidays), {@code ES-MD} (and the Community of Madrid's) or {@code ES-MD-MAD} (and Madrid city's).
 * The country is an ISO 3166 code; the parts after it are Jollyday's regions, named as in ISO 3166-2 where one exists.
 */
public final class PublicHolidays {

  private final String code;
  private final HolidayManager calendar;
  private final String[] regions;
  private final String description;

  private PublicHolidays(String code, HolidayManager calendar, String[] regions, String description) {
    this.code = code;
    this.calendar = calendar;
    this.regions = regions;
    this.description = description;
  }

  /** The holidays of a code, or empty when Jollyday knows no such country or region. */
  public static Optional<PublicHolidays> of(String code) {
    if (code == null || !code.matches("[A-Za-z]{2}(-[A-Za-z0-9]{1,8}){0,3}")) {
      return Optional.empty();
    }
    String[] parts = code.toLowerCase(Locale.ROOT).split("-");
    if (!HolidayManager.getSupportedCalendarCodes().contains(parts[0].toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    HolidayManager calendar = HolidayManager.getInstance(ManagerParameters.create(parts[0]));
    CalendarHierarchy place = calendar.getCalendarHierarchy();
    List<String> names = new ArrayList<>(List.of(place.getDescription(Locale.ENGLISH)));
    for (String region : Arrays.copyOfRange(parts, 1, parts.length)) {
      place = place.getChildren().get(region);
      if (place == null) {
        return Optional.empty();
      }
      names.add(place.getDescription(Locale.ENGLISH));
    }
    return Optional.of(new PublicHolidays(code.toUpperCase(Locale.ROOT), calendar, Arrays.copyOfRange(parts, 1, parts.length),
        String.join(", ", names)));
  }

  /** The places of a country Jollyday knows holidays for, the country first: ES (Spain), ES-AN (Spain, Andalusia)... */
  public static List<Place> places(String country) {
    List<Place> places = new ArrayList<>();
    of(country).ifPresent(top -> walk(top.calendar.getCalendarHierarchy(), top.code, top.description, places));
    return places;
  }

  /** A country or region, by code and in words. */
  public record Place(String code, String description) {
  }

  private static void walk(CalendarHierarchy place, String code, String description, List<Place> into) {
    into.add(new Place(code, description));
    place.getChildren().values().stream().sorted(Comparator.comparing(CalendarHierarchy::getId))
        .forEach(child -> walk(child, code + "-" + child.getId().toUpperCase(Locale.ROOT),
            description + ", " + child.getDescription(Locale.ENGLISH), into));
  }

  /** True on a day off by law there (not on observances such as Mother's Day). */
  public boolean isHoliday(LocalDate day) {
    return calendar.isHoliday(day, HolidayType.PUBLIC_HOLIDAY, regions);
  }

  /** The code as the client's profile keeps it, e.g. ES-MD. */
  public String code() {
    return code;
  }

  /** Where, in words: "Spain, Madrid (ES-MD)". */
  public String description() {
    return description + " (" + code + ")";
  }

  /**
   * Where, in a reader's language: the country's name in it, and the regions by name where Jollyday has them in that
   * language (English), else by code: "Spain, Madrid (ES-MD)", "España (ES-MD)".
   */
  public String description(Locale reader) {
    if ("en".equals(reader.getLanguage())) {
      return description();
    }
    return new Locale.Builder().setRegion(code.substring(0, 2)).build().getDisplayCountry(reader) + (code.length() > 2 ? " (" + code + ")" : "");
  }
}
