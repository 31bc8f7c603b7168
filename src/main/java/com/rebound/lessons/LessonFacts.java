package com.rebound.lessons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * How the facts a lesson is about are written and compared: sets of codes kept between commas
 * ({@code ",fileServer,email,"}, so one LIKE finds a member), and the client's size in bands.
 */
final class LessonFacts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LessonFacts() {
  }

  /** A set of codes from a checklist value (Spin JSON, JSON text, a Java collection) or comma-separated text. */
  static TreeSet<String> codes(Object value) {
    TreeSet<String> codes = new TreeSet<>();
    if (value == null) {
      return codes;
    }
    if (value instanceof Collection<?> many) {
      many.forEach(one -> add(codes, String.valueOf(one)));
      return codes;
    }
    String text = String.valueOf(value).trim();
    if (text.startsWith("[")) {
      try {
        for (JsonNode one : JSON.readTree(text)) {
          add(codes, one.asText());
        }
        return codes;
      } catch (IOException notJson) {
        // read as comma-separated below
      }
    }
    Arrays.stream(text.split(",")).forEach(one -> add(codes, one));
    return codes;
  }

  private static void add(TreeSet<String> codes, String code) {
    String trimmed = code.replaceAll("[^A-Za-z0-9]", "");
    if (!trimmed.isEmpty()) {
      codes.add(trimmed);
    }
  }

  /** The set as stored: ",a,b," (",," for none). */
  static String stored(Collection<String> codes) {
    return "," + String.join(",", codes) + ",";
  }

  /** The set stored as ",a,b,". */
  static List<String> read(String stored) {
    return stored == null ? List.of() : Arrays.stream(stored.split(",")).filter(s -> !s.isBlank()).toList();
  }

  /** micro (1-9 users), small (10-49), medium (50-249), large (250 and more); null when unknown. */
  static String sizeBand(Integer users) {
    if (users == null) {
      return null;
    }
    return users < 10 ? "micro" : users < 50 ? "small" : users < 250 ? "medium" : "large";
  }

  /** A code as words: fileServer as "file server", humanError as "human error". */
  static String words(String code) {
    return code == null ? null : code.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  static String sector(String sector) {
    return sector == null ? null : sector.trim().toLowerCase(Locale.ROOT);
  }
}
