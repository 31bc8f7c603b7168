package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manager's dry run: deploys whatever is in {@code bpmn/} now (edited in Modeler, not yet deployed)
 * to a throwaway in-memory engine configured like Rebound's, and walks one case through the happy path,
 * each step completed with what its own form asks for (the first option of a choice, the minimum of a
 * number, a text, a ticked checkbox). A step a manager inserted, a field made required, a renamed step:
 * all walked the same way. Prints the steps it went through. One line:
 * {@code ./mvnw -B test -Dtest=DryRunTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class DryRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ProcessEngine engine;

  @BeforeAll
  static void throwawayEngine() {
    engine = ProcessTestEngine.withoutCoverage("dry-run").buildProcessEngine();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void theProcedureInTheFolderWalksOneCaseToItsEnd() throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("dry run");
    Path folder = Path.of("bpmn");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.(bpmn|dmn|form)$")).toList()) {
        // named by its path inside bpmn/, as Rebound deploys it (runbooks/ransomware.bpmn)
        deployment.addString(folder.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    deployment.deploy();

    org.camunda.bpm.engine.runtime.ProcessInstance started = engine.getRuntimeService().startProcessInstanceByKey(
        ProcedureVariables.PROCESS_KEY, Map.of("clientId", "gestoria-lopez", "reportedBy", "Dry run", "summary",
            "Dry run of the procedure in bpmn/", "detectedAt", new java.util.Date()));
    String instance = started.getId();
    // the case's steps, its runbook's included (a runbook runs with the case's number as its business key)
    String caseNumber = started.getBusinessKey();
    List<String> walked = new ArrayList<>();
    for (int step = 0; step < 60 && !ended(instance); step++) {
      List<Task> open = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseNumber).active().listPage(0, 10);
      if (open.isEmpty()) {
        List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance).executable().listPage(0, 10);
        assertThat(due).as("the case stands still after %s: no step and no job to run", walked).isNotEmpty();
        engine.getManagementService().executeJob(due.get(0).getId());
        continue;
      }
      Task task = open.get(0);
      engine.getTaskService().complete(task.getId(), answers(task));
      walked.add(task.getTaskDefinitionKey());
    }
    System.out.println("Dry run of bpmn/: " + String.join(" -> ", walked) + (ended(instance) ? " -> end" : " (not ended)"));

    assertThat(ended(instance)).as("the case reached an end; walked %s", walked).isTrue();
    assertThat(walked).as("the happy path").first().isEqualTo(ProcedureVariables.Tasks.ASSESS_IMPACT);
  }

  private static boolean ended(String instance) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() == 0;
  }

  /** What the step's form asks for, filled in the way of the happy path. */
  private static Map<String, Object> answers(Task task) throws IOException {
    Map<String, Object> values = new HashMap<>();
    try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
      fill(JSON.readTree(form), values);
    }
    return values;
  }

  private static void fill(JsonNode component, Map<String, Object> values) {
    for (JsonNode field : component.path("components")) {
      String type = field.path("type").asText();
      String key = field.path("key").asText(null);
      JsonNode validate = field.path("validate");
      switch (type) {
        case "select", "radio" -> values.put(key, field.path("values").get(0).path("value").asText());
        case "checklist", "taglist" -> values.put(key, Variables.objectValue(List.of(field.path("values").get(0).path("value").asText()))
            .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
        case "number" -> values.put(key, validate.has("min") ? Math.max(1L, validate.get("min").asLong()) : 1L);
        case "checkbox" -> values.put(key, true);
        case "datetime" -> values.put(key, OffsetDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")));
        case "textfield", "textarea" -> values.put(key, "Dry run".substring(0, Math.min(7, validate.path("maxLength").asInt(7))));
        case "dynamiclist" -> {
          // a list's items are optional to the step
        }
        default -> fill(field, values);   // groups; texts have no fields
      }
    }
  }
}
