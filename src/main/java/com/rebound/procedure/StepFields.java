package com.rebound.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The fields a step may set: the contract's ({@link ProcedureVariables#RULES}) and those of its
 * deployed Camunda Form (every field's key, every group's path), so a field a manager adds to a form
 * in Modeler can be filled in at once. Everything else in a case is Rebound's to write.
 */
@Component
public class StepFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FormService forms;

  StepFields(FormService forms) {
    this.forms = forms;
  }

  /** The fields of an open task's step, from the contract and the Camunda Form deployed for it. */
  public Set<String> ofTask(Task task) {
    return ofTask(task.getTaskDefinitionKey(), deployedForm(task.getId()));
  }

  private String deployedForm(String taskId) {
    try (InputStream form = forms.getDeployedTaskForm(taskId)) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    } catch (RuntimeException | IOException noCamundaForm) {
      return null;
    }
  }

  /** The fields of the task's step, from the contract and its deployed form (JSON, or null without one). */
  Set<String> ofTask(String taskDefinitionKey, String deployedForm) {
    Set<String> names = new TreeSet<>();
    ProcedureVariables.RULES.getOrDefault(taskDefinitionKey, List.of()).forEach(rule -> names.add(rule.name()));
    if (deployedForm != null) {
      try {
        collect(JSON.readTree(deployedForm), names);
      } catch (IOException notJson) {
        // an HTML or generated form: the contract's fields only
      }
    }
    return names;
  }

  /** The fields a case may be started with. */
  public Set<String> ofStart() {
    Set<String> names = new TreeSet<>();
    ProcedureVariables.RULES.get(ProcedureVariables.START).forEach(rule -> names.add(rule.name()));
    names.add(ProcedureVariables.AFFECTED_SYSTEMS);
    return names;
  }

  private static void collect(JsonNode component, Set<String> names) {
    for (String attribute : List.of("key", "path")) {
      if (component.hasNonNull(attribute) && component.get(attribute).isTextual() && component.has("type")
          && !"default".equals(component.get("type").asText())) {
        names.add(component.get(attribute).asText().split("\\.")[0]);
      }
    }
    for (JsonNode child : component.path("components")) {
      collect(child, names);
    }
  }
}
