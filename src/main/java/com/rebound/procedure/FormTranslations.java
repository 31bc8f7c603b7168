package com.rebound.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The forms' visible texts in the reader's language, from translations kept beside the forms in the manager's folder:
 * {@code bpmn/translations/forms_<language>.properties}, one line per text, keyed {@code <form id>.<component id>.<label |
 * description | text | dateLabel | timeLabel | values.<value>>}. A text without a translation (a field a manager just added)
 * is shown in the form's own words; {@code FormTranslationsTest} lists what the shipped forms lack.
 */
@Component
public class FormTranslations {

  /** The texts of a component that people read. */
  static final List<String> TEXTS = List.of("label", "description", "text", "dateLabel", "timeLabel");
  private static final String FOLDER = "bpmn/translations/";

  private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

  /** The translations of a language (empty when there are none), read once. */
  public Properties of(String language) {
    return byLanguage.computeIfAbsent(language, FormTranslations::read);
  }

  private static Properties read(String language) {
    Properties texts = new Properties();
    try {
      for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:" + FOLDER + "forms_" + language
          + ".properties")) {
        try (InputStream in = file.getInputStream()) {
          texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  /** The form with its texts in the language, where translated; true when something changed. */
  public boolean translate(JsonNode form, String language) {
    Properties texts = of(language);
    String formId = form.path("id").asText(null);
    if (texts.isEmpty() || formId == null) {
      return false;
    }
    return translate(formId, form.path("components"), texts);
  }

  private static boolean translate(String formId, JsonNode components, Properties texts) {
    boolean changed = false;
    for (JsonNode component : components) {
      if (!(component instanceof ObjectNode node)) {
        continue;
      }
      String prefix = formId + "." + node.path("id").asText() + ".";
      for (String text : TEXTS) {
        String translated = texts.getProperty(prefix + text);
        if (translated != null && node.hasNonNull(text)) {
          node.put(text, translated);
          changed = true;
        }
      }
      for (JsonNode value : node.path("values")) {
        String translated = texts.getProperty(prefix + "values." + value.path("value").asText());
        if (translated != null && value instanceof ObjectNode option) {
          option.put("label", translated);
          changed = true;
        }
      }
      changed |= translate(formId, node.path("components"), texts);
    }
    return changed;
  }
}
