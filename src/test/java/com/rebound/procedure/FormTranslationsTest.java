package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every visible text of the shipped forms has its Spanish (bpmn/translations/forms_es.properties), keeping the form's
 * {{variables}} and links, and nothing is translated that no form has; a form reads in Spanish with its keys unchanged, and a
 * text without a translation (a field a manager just added) in the form's own words.
 */
class FormTranslationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARKS = Pattern.compile("\\{\\{[^}]*}}|\\]\\([^)]*\\)");

  @Test
  void everyTextOfTheShippedFormsHasItsSpanish_withItsVariablesAndLinks() throws Exception {
    Properties spanish = new FormTranslations().of("es");
    TreeSet<String> texts = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    List<String> lostMarks = new ArrayList<>();
    for (Path file : forms()) {
      JsonNode form = JSON.readTree(file.toFile());
      collect(form.path("id").asText(), form.path("components"), (key, english) -> {
        texts.add(key);
        String translated = spanish.getProperty(key);
        if (translated == null) {
          missing.add(key);
        } else if (!marks(english).equals(marks(translated))) {
          lostMarks.add(key + ": " + marks(english) + " -> " + marks(translated));
        }
      });
    }
    assertThat(missing).as("texts of the shipped forms without Spanish").isEmpty();
    assertThat(lostMarks).as("{{variables}} and link targets kept").isEmpty();
    TreeSet<String> stale = new TreeSet<>(spanish.stringPropertyNames());
    stale.removeAll(texts);
    assertThat(stale).as("translations of texts no form has").isEmpty();
  }

  @Test
  void aFormReadsInSpanish_itsKeysUnchanged_andANewFieldInItsOwnWords() throws Exception {
    JsonNode form = JSON.readTree(Path.of("bpmn", "legal-confirm.form").toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) form.path("components")).addObject().put("type", "textfield")
        .put("id", "Field_AddedByAManager").put("key", "addedByAManager").put("label", "A field a manager just added");
    List<String> keysBefore = form.findValuesAsText("key");
    assertThat(new FormTranslations().translate(form, "es")).isTrue();
    assertThat(form.findValuesAsText("key")).isEqualTo(keysBefore);
    assertThat(form.toString()).contains("A field a manager just added").doesNotContain("\"Filed by\"");
    assertThat(new FormTranslations().translate(JSON.readTree(Path.of("bpmn", "legal-confirm.form").toFile()), "fr")).isFalse();
  }

  private interface Text {
    void found(String key, String english);
  }

  private static void collect(String formId, JsonNode components, Text text) {
    for (JsonNode c : components) {
      String prefix = formId + "." + c.path("id").asText() + ".";
      for (String property : FormTranslations.TEXTS) {
        if (c.path(property).isTextual() && !c.path(property).asText().isBlank()) {
          text.found(prefix + property, c.path(property).asText());
        }
      }
      for (JsonNode value : c.path("values")) {
        if (value.path("label").isTextual()) {
          text.found(prefix + "values." + value.path("value").asText(), value.path("label").asText());
        }
      }
      collect(formId, c.path("components"), text);
    }
  }

  private static List<Path> forms() throws Exception {
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      return files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
    }
  }

  private static List<String> marks(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = MARKS.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    found.sort(String::compareTo);
    return found;
  }
}
