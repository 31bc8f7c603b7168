package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manager's folder {@code bpmn/} keeps the contract that code, tests and outside scripts rely
 * on: every contract task with its id, candidate group and a form that exists, and every form
 * asking for the variables its step must set, required, with the contract's values.
 */
class ModelContractTest {

  private static final Path FOLDER = Path.of("bpmn");
  private static final Map<String, JsonNode> FORMS = new HashMap<>();
  private static final java.util.Set<String> DECISIONS = new java.util.HashSet<>();
  private static BpmnModelInstance model;

  @BeforeAll
  static void readFolder() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(FOLDER)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".form")) {
        JsonNode form = json.readTree(file.toFile());
        assertThat(form.path("id").asText()).as("form id of %s", file).isNotBlank();
        assertThat(FORMS.put(form.get("id").asText(), form)).as("form id %s used twice", form.get("id")).isNull();
      } else if (name.endsWith(".dmn")) {
        DECISIONS.addAll(org.camunda.bpm.model.dmn.Dmn.readModelFromFile(file.toFile())
            .getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class).stream()
            .map(org.camunda.bpm.model.dmn.instance.Decision::getId).toList());
      } else if (name.endsWith(".bpmn")) {
        BpmnModelInstance parsed = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(parsed);
        if (file.equals(FOLDER.resolve("disaster-recovery.bpmn"))) {
          model = parsed;
        }
      }
    }
    assertThat(model).as("bpmn/disaster-recovery.bpmn").isNotNull();
  }

  @Test
  void processIsExecutableWithTheContractsKeyAndAHistoryTimeToLive() {
    Process process = model.getModelElementById(ProcedureVariables.PROCESS_KEY);
    assertThat(process).as("process %s", ProcedureVariables.PROCESS_KEY).isNotNull();
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
  }

  @Test
  void everyContractTaskExistsWithItsCandidateGroupAndAnExistingForm() {
    List<String> problems = new ArrayList<>();
    ProcedureVariables.CANDIDATE_GROUPS.forEach((taskId, group) -> {
      if (!(model.getModelElementById(taskId) instanceof UserTask task)) {
        problems.add("user task " + taskId + " is missing");
        return;
      }
      // a plain list ("technicians") or an expression naming the group (agreeObjectives: managers for SEV1)
      if (task.getCamundaCandidateGroups() == null || !task.getCamundaCandidateGroups().contains(group)) {
        problems.add(taskId + " must have candidate group " + group + ", has " + task.getCamundaCandidateGroups());
      }
      checkFormReference(taskId, task.getCamundaFormRef(), task.getCamundaFormRefBinding(), problems);
    });
    for (StartEvent start : processStartEvents()) {
      checkFormReference(start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(), problems);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyBusinessRuleTaskRefersToADecisionInTheFolder() {
    assertThat(DECISIONS).contains("severity");
    for (org.camunda.bpm.model.bpmn.instance.BusinessRuleTask task
        : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BusinessRuleTask.class)) {
      assertThat(DECISIONS).as("decision of %s", task.getId()).contains(task.getCamundaDecisionRef());
    }
  }

  @Test
  void everyFormAsksForWhatItsStepMustSet() {
    List<String> problems = new ArrayList<>();
    ProcedureVariables.RULES.forEach((step, rules) -> {
      String formId = step.equals(ProcedureVariables.START)
          ? processStartEvents().iterator().next().getCamundaFormRef()
          : ((UserTask) model.getModelElementById(step)).getCamundaFormRef();
      JsonNode form = FORMS.get(formId);
      if (form == null) {
        problems.add(step + ": form " + formId + " is missing");
        return;
      }
      Map<String, JsonNode> fields = new HashMap<>();
      collectFields(form, fields);
      for (VariableRule rule : rules) {
        JsonNode field = fields.get(rule.name());
        if (rule.presence() != VariableRule.Presence.REQUIRED) {
          continue;
        }
        if (field == null) {
          problems.add(step + ": form " + formId + " has no field " + rule.name());
          continue;
        }
        // a conditional rule's field is shown (and then required) only when it applies
        if (!field.path("validate").path("required").asBoolean()) {
          problems.add(step + ": field " + rule.name() + " must be required");
        }
        Set<String> offered = new HashSet<>();
        field.path("values").forEach(v -> offered.add(v.path("value").asText()));
        if (rule.kind() == VariableRule.Kind.CHOICE && !offered.equals(rule.allowed())) {
          problems.add(step + ": field " + rule.name() + " offers " + offered + ", the contract says " + rule.allowed());
        }
        if (rule.kind() == VariableRule.Kind.YES_NO && !field.path("type").asText().equals("checkbox")
            && !offered.equals(Set.of("true", "false"))) {
          problems.add(step + ": field " + rule.name() + " must offer true/false, offers " + offered);
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  /** The start events of the process itself (not of its subprocesses). */
  private static java.util.Collection<StartEvent> processStartEvents() {
    Process process = model.getModelElementById(ProcedureVariables.PROCESS_KEY);
    return process.getChildElementsByType(StartEvent.class);
  }

  private static void checkFormReference(String elementId, String formRef, String binding, List<String> problems) {
    if (formRef == null) {
      problems.add(elementId + " has no camunda:formRef");
    } else if (!FORMS.containsKey(formRef)) {
      problems.add(elementId + " refers to form " + formRef + ", which no .form file in bpmn/ has as its id");
    }
    if (binding == null) {
      problems.add(elementId + " has no camunda:formRefBinding");
    }
  }

  private static void collectFields(JsonNode container, Map<String, JsonNode> fields) {
    for (JsonNode component : container.path("components")) {
      if (component.hasNonNull("key")) {
        fields.put(component.get("key").asText(), component);
      }
      collectFields(component, fields);
    }
  }
}
