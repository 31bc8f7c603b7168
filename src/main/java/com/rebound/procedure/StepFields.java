package com.rebound.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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

  private final ProcessEngineConfigurationImpl engine;

  StepFields(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  /** The fields of an open task's step, from the contract and the Camunda Form deployed for it. */
  public Set<String> ofTask(Task task) {
    JsonNode form = engine.getCommandExecutorTxRequired().execute(context -> DeployedForms.ofTask(context, task.getId()));
    return ofTask(task.getTaskDefinitionKey(), form);
  }

  /** The same, inside a command of the engine (a listener of the step): the rule the engine applies to every completion. */
  public static Set<String> ofTask(org.camunda.bpm.engine.impl.interceptor.CommandContext context, String taskId,
      String taskDefinitionKey) {
    return ofTask(taskDefinitionKey, DeployedForms.ofTask(context, taskId));
  }

  /** The fields of the task's step, from the contract and its deployed form (null without one, or not JSON: an HTML form). */
  static Set<String> ofTask(String taskDefinitionKey, JsonNode deployedForm) {
    Set<String> names = new TreeSet<>();
    ProcedureVariables.RULES.getOrDefault(taskDefinitionKey, List.of()).forEach(rule -> names.add(rule.name()));
    if (deployedForm != null) {
      collect(deployedForm, names);
    }
    return names;
  }

  /** The fields a case may be started with. */
  public static Set<String> ofStart() {
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
