package com.rebound.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.database.TransactionMemo;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * A step's deployed Camunda Form, parsed once per form definition: a deployed form definition never changes
 * (a Modeler change is a new version with a new id), so its parsed JSON is kept by id in this JVM, while which
 * version a step uses (binding {@code latest}, a deployment, a version) is still asked of the engine each time.
 * Read for the fields a step may write ({@link StepFields}, in the REST filter) and for the form's own rules
 * ({@link FormCheck}, in the engine): in one completion's transaction the form is looked up once.
 */
final class DeployedForms {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Optional<JsonNode>> PARSED = new ConcurrentHashMap<>();
  private static final TransactionMemo LOOKED_UP = new TransactionMemo("tasks' deployed forms");

  private DeployedForms() {
  }

  /** The task's Camunda Form as JSON, or null without one (or when it is not JSON); inside a command. */
  static JsonNode ofTask(CommandContext context, String taskId) {
    Optional<JsonNode> form = LOOKED_UP.get(taskId, () -> {
      try {
        return Optional.ofNullable(find(context, taskId));
      } catch (RuntimeException noCamundaForm) {
        // a form reference that resolves to nothing, a task gone: the contract's fields only, as without a form
        return Optional.empty();
      }
    });
    return form.orElse(null);
  }

  private static JsonNode find(CommandContext context, String taskId) {
    TaskFormData data = context.runWithoutAuthorization(() -> new GetTaskFormCmd(taskId).execute(context));
    CamundaFormRef ref = data == null ? null : data.getCamundaFormRef();
    if (ref == null || ref.getKey() == null) {
      return null;
    }
    CamundaFormDefinition definition = context.runWithoutAuthorization(
        () -> new GetCamundaFormDefinitionCmd(ref, data.getDeploymentId()).execute(context));
    if (definition == null) {
      return null;
    }
    return PARSED.computeIfAbsent(definition.getId(), id -> parse(context.getResourceManager()
        .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName()))).orElse(null);
  }

  private static Optional<JsonNode> parse(ResourceEntity resource) {
    try {
      return resource == null ? Optional.empty() : Optional.of(JSON.readTree(resource.getBytes()));
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }
}
