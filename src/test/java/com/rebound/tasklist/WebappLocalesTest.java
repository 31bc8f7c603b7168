package com.rebound.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rebound's Spanish for Camunda's webapps (locales/es.json beside each webapp's en.json): every key of the English file is
 * there and nothing else, and no value lost a placeholder ({{...}}), an HTML tag or a %s of its English.
 */
class WebappLocalesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKS = Pattern.compile("\\{\\{[^}]*}}|<[^>]+>|%[sd]");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theSpanishFileHasEveryKeyAndPlaceholderOfTheEnglish(String app) throws Exception {
    Map<String, String> english = leaves(read(app, "en"));
    Map<String, String> spanish = leaves(read(app, "es"));
    assertThat(spanish.keySet()).as("%s: the keys of en.json", app).isEqualTo(english.keySet());
    List<String> lost = new ArrayList<>();
    english.forEach((key, text) -> {
      if (!marks(text).equals(marks(spanish.get(key)))) {
        lost.add(key + ": " + marks(text) + " -> " + marks(spanish.get(key)));
      }
    });
    assertThat(lost).as("%s: placeholders, tags and %%s kept", app).isEmpty();
    long translated = english.keySet().stream().filter(k -> !english.get(k).equals(spanish.get(k))).count();
    assertThat(translated).as("%s: most values translated", app).isGreaterThan(english.size() * 8 / 10);
  }

  private static JsonNode read(String app, String language) throws Exception {
    String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
    try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  private static Map<String, String> leaves(JsonNode node) {
    Map<String, String> leaves = new TreeMap<>();
    collect("", node, leaves);
    return leaves;
  }

  private static void collect(String path, JsonNode node, Map<String, String> leaves) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(path + "/" + e.getKey(), e.getValue(), leaves));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", node.get(i), leaves);
      }
    } else {
      leaves.put(path, node.asText());
    }
  }

  private static List<String> marks(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = MARKS.matcher(text == null ? "" : text);
    while (m.find()) {
      found.add(m.group());
    }
    found.sort(String::compareTo);
    return found;
  }
}
