package com.rebound.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Rebound's staff pages (console, dashboard, clients, outbox, monitoring, action items, lessons, legal deadlines, inbox,
 * report a disaster, and Rebound's links in Tasklist and Cockpit) in Spanish: every text a page shows (its elements' texts, placeholders, titles, labels for screen
 * readers) and every text its scripts write through {@code t('…')} has a translation in /common/locales/es.js, each keeping
 * the English's {0} placeholders, and the file holds no text that no page uses any more. Read the way i18n.js reads them.
 */
class StaffPagesTranslationTest {

  private static final Path STATIC = Path.of("src/main/resources/static");
  /** Rebound's plugins in Camunda's webapps (Tasklist's header links, Cockpit's), which read the same translations. */
  private static final Path WEBAPPS = Path.of("src/main/resources/META-INF/resources/webjars/camunda/app");
  private static final Set<String> ATTRIBUTES = Set.of("placeholder", "title", "aria-label", "alt");
  /** a t('…') or t("…") call with a literal text: the texts scripts write. */
  private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

  @Test
  void everyTextOfTheStaffPagesHasItsSpanish() throws IOException {
    Map<String, String> spanish = spanish();
    Map<String, String> wanted = texts();
    List<String> missing = wanted.entrySet().stream().filter(e -> !spanish.containsKey(e.getKey()))
        .map(e -> e.getValue() + ": \"" + e.getKey() + "\"").toList();
    assertThat(missing).as("texts of the staff pages without a Spanish translation in common/locales/es.js").isEmpty();
  }

  @Test
  void everyTranslationKeepsThePlaceholdersAndIsStillUsed() throws IOException {
    Map<String, String> spanish = spanish();
    Set<String> used = texts().keySet();
    List<String> lost = new ArrayList<>();
    spanish.forEach((english, own) -> {
      if (!placeholders(english).equals(placeholders(own))) {
        lost.add(english + " -> " + own);
      }
    });
    assertThat(lost).as("translations that lost or added a {n}").isEmpty();
    assertThat(new TreeSet<>(spanish.keySet()).stream().filter(k -> !used.contains(k)).toList())
        .as("translations of texts no page shows any more").isEmpty();
    assertThat(spanish.values()).as("no empty translation").noneMatch(String::isBlank);
  }

  /** every text to translate, with where it was first seen. */
  static Map<String, String> texts() throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(STATIC)) {
      for (Path file : files.sorted().toList()) {
        String name = STATIC.relativize(file).toString();
        if (name.endsWith(".html")) {
          Document page = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
          for (Element element : page.getAllElements()) {
            if (!element.is("script, style, textarea")) {
              for (TextNode text : element.textNodes()) {
                want(texts, text.getWholeText(), name);
              }
            }
            element.attributes().forEach(a -> {
              if (ATTRIBUTES.contains(a.getKey())) {
                want(texts, a.getValue(), name);
              }
            });
          }
        } else if (name.endsWith(".js") && !name.startsWith("common/locales/")) {
          scriptTexts(texts, file, name);
        }
      }
    }
    try (Stream<Path> files = Files.walk(WEBAPPS)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("rebound-")).sorted().toList()) {
        scriptTexts(texts, file, WEBAPPS.relativize(file).toString());
      }
    }
    return texts;
  }

  private static void scriptTexts(Map<String, String> texts, Path file, String name) throws IOException {
    Matcher call = T_CALL.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (call.find()) {
      String literal = call.group(1) != null ? call.group(1) : call.group(2);
      texts.putIfAbsent(unescape(literal), name);
    }
  }

  /**
   * a text people read, keyed as i18n.js keys it (trimmed, a line break read as one space): one with a lowercase letter
   * (codes such as SEV1, RTO or DR-2026-0042 read the same).
   */
  private static void want(Map<String, String> texts, String raw, String where) {
    String text = raw.trim().replaceAll("\\s+", " ");
    if (text.chars().anyMatch(Character::isLowerCase)) {
      texts.putIfAbsent(text, where);
    }
  }

  static Map<String, String> spanish() throws IOException {
    String file = Files.readString(STATIC.resolve("common/locales/es.js"), StandardCharsets.UTF_8);
    JsonNode texts = new ObjectMapper().readTree(file.substring(file.indexOf('{'), file.lastIndexOf('}') + 1));
    Map<String, String> spanish = new TreeMap<>();
    texts.fields().forEachRemaining(e -> spanish.put(e.getKey(), e.getValue().asText()));
    return spanish;
  }

  private static String unescape(String literal) {
    return literal.replace("\\'", "'").replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
  }

  private static List<String> placeholders(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    found.sort(String::compareTo);
    return found;
  }
}
