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
 * "Ransomware", {@code dataLossSuspected: true} "Yes, data may be lost"). A label a manager changes in
 * Modeler is used as soon as the form is deployed: the labels are read again whenever the set of latest
 * form versions changes.
 */
@Component
public class OptionLabels {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Labels(List<String> definitions, Map<String, Map<String, String>> byVariable) {
  }

  /** A deployed form's latest version (Camunda 7.24's API has no query for form definitions: its table is read). */
  private record FormVersion(String id, String deploymentId, String resourceName) {
  }

  private final RepositoryService repository;
  private final JdbcTemplate jdbc;
  private final AtomicReference<Labels> known = new AtomicReference<>(new Labels(List.of(), Map.of()));

  OptionLabels(RepositoryService repository, JdbcTemplate jdbc) {
    this.repository = repository;
    this.jdbc = jdbc;
  }

  /** The label of a variable's value, as the form that asks for it shows it. */
  public Optional<String> of(String variable, Object value) {
    Map<String, String> labels = current().byVariable().get(variable);
    return labels == null || value == null ? Optional.empty() : Optional.ofNullable(labels.get(String.valueOf(value)));
  }

  private Labels current() {
    List<FormVersion> latest = jdbc.query("SELECT ID_, DEPLOYMENT_ID_, RESOURCE_NAME_ FROM ACT_RE_CAMFORMDEF d WHERE VERSION_ = "
        + "(SELECT MAX(VERSION_) FROM ACT_RE_CAMFORMDEF m WHERE m.KEY_ = d.KEY_)",
        (rs, n) -> new FormVersion(rs.getString(1), rs.getString(2), rs.getString(3)));
    List<String> ids = latest.stream().map(FormVersion::id).sorted().toList();
    Labels labels = known.get();
    if (!labels.definitions().equals(ids)) {
      Map<String, Map<String, String>> byVariable = new HashMap<>();
      for (FormVersion form : latest) {
        try (InputStream in = repository.getResourceAsStream(form.deploymentId(), form.resourceName())) {
          collect(JSON.readTree(in), byVariable);
        } catch (IOException | RuntimeException unreadable) {
          // a form that cannot be read gives no labels; its values are shown as they are
        }
      }
      labels = new Labels(ids, byVariable);
      known.set(labels);
    }
    return labels;
  }

  private static void collect(JsonNode component, Map<String, Map<String, String>> byVariable) {
    if (component.hasNonNull("key") && component.path("values").isArray()) {
      Map<String, String> labels = byVariable.computeIfAbsent(component.get("key").asText(), k -> new HashMap<>());
      for (JsonNode option : component.get("values")) {
        if (option.hasNonNull("value") && option.hasNonNull("label")) {
          labels.putIfAbsent(option.get("value").asText(), option.get("label").asText());
        }
      }
    }
    for (JsonNode child : component.path("components")) {
      collect(child, byVariable);
    }
  }
}
