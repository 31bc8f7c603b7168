package com.rebound.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The words the forms use for a choice: from every deployed Camunda Form's latest version, each select,
 * radio, checklist and tag list gives its values' labels ({@code probableCause: ransomware} reads
 * "Ransomware", {@code dataLossSuspected: true} "Yes, data may be lost"), in the reader's language where the
 * form's translations have it ({@link FormTranslations}). A label a manager changes in
 * Modeler is used as soon as the form is deployed: the labels are read again whenever the set of latest
 * form versions changes.
 */
@Component
public class OptionLabels {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The labels by variable and value, and where the first form asking for each variable keeps its texts (form.component). */
  private record Labels(List<String> definitions, Map<String, Map<String, String>> byVariable, Map<String, String> askedBy) {
  }

  /** A deployed form's latest version (Camunda 7.24's API has no query for form definitions: its table is read). */
  private record FormVersion(String id, String deploymentId, String resourceName) {
  }

  private final RepositoryService repository;
  private final JdbcTemplate jdbc;
  private final FormTranslations translations;
  private final AtomicReference<Labels> known = new AtomicReference<>(new Labels(List.of(), Map.of(), Map.of()));

  OptionLabels(RepositoryService repository, JdbcTemplate jdbc, FormTranslations translations) {
    this.repository = repository;
    this.jdbc = jdbc;
    this.translations = translations;
  }

  /** The label of a variable's value, as the form that asks for it shows it to a reader of that language. */
  public Optional<String> of(String variable, Object value, String language) {
    Labels known = current();
    Map<String, String> labels = known.byVariable().get(variable);
    String label = labels == null || value == null ? null : labels.get(String.valueOf(value));
    if (label != null && language != null && !language.equals("en") && known.askedBy().containsKey(variable)) {
      label = translations.of(language).getProperty(known.askedBy().get(variable) + ".values." + value, label);
    }
    return Optional.ofNullable(label);
  }

  private Labels current() {
    List<FormVersion> latest = jdbc.query("SELECT ID_, DEPLOYMENT_ID_, RESOURCE_NAME_ FROM ACT_RE_CAMFORMDEF d WHERE VERSION_ = "
        + "(SELECT MAX(VERSION_) FROM ACT_RE_CAMFORMDEF m WHERE m.KEY_ = d.KEY_)",
        (rs, n) -> new FormVersion(rs.getString(1), rs.getString(2), rs.getString(3)));
    List<String> ids = latest.stream().map(FormVersion::id).sorted().toList();
    Labels labels = known.get();
    if (!labels.definitions().equals(ids)) {
      Map<String, Map<String, String>> byVariable = new HashMap<>();
      Map<String, String> askedBy = new HashMap<>();
      for (FormVersion form : latest) {
        try (InputStream in = repository.getResourceAsStream(form.deploymentId(), form.resourceName())) {
          JsonNode definition = JSON.readTree(in);
          collect(definition.path("id").asText(), definition, byVariable, askedBy);
        } catch (IOException | RuntimeException unreadable) {
          // a form that cannot be read gives no labels; its values are shown as they are
        }
      }
      labels = new Labels(ids, byVariable, askedBy);
      known.set(labels);
    }
    return labels;
  }

  private static void collect(String formId, JsonNode component, Map<String, Map<String, String>> byVariable,
      Map<String, String> askedBy) {
    if (component.hasNonNull("key") && component.path("values").isArray()) {
      askedBy.putIfAbsent(component.get("key").asText(), formId + "." + component.path("id").asText());
      Map<String, String> labels = byVariable.computeIfAbsent(component.get("key").asText(), k -> new HashMap<>());
      for (JsonNode option : component.get("values")) {
        if (option.hasNonNull("value") && option.hasNonNull("label")) {
          labels.putIfAbsent(option.get("value").asText(), option.get("label").asText());
        }
      }
    }
    for (JsonNode child : component.path("components")) {
      collect(formId, child, byVariable, askedBy);
    }
  }
}
