package com.rebound.versions;

import com.rebound.web.Roles;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moves running cases to the newest version of the procedure after a manager deployed a change
 * ({@code POST /api/procedure/migrations}): for each older version with running cases, Camunda's
 * migration plan maps the steps of the same id; a version whose plan the engine refuses (a step the
 * case waits in was removed, for instance) is named with the reasons and none of its cases moves.
 * The cases move as batches (their variables and history stay); {@code GET} shows each batch's progress.
 */
@RestController
class CaseMigrations {

  private static final List<String> MANAGERS = Roles.MANAGERS_OR_ADMINISTRATORS;

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final CurrentUser currentUser;

  CaseMigrations(RepositoryService repository, RuntimeService runtime, ManagementService management, CurrentUser currentUser) {
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
    this.currentUser = currentUser;
  }

  @PostMapping("/api/procedure/migrations")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> migrateToLatest() {
    currentUser.requireAnyGroup(MANAGERS);
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(ProcedureVariables.PROCESS_KEY)
        .latestVersion().singleResult();
    if (latest == null) {
      throw ApiProblem.notFound("The procedure is not deployed.");
    }
    List<Map<String, Object>> moving = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<ProcessDefinition> older = repository.createProcessDefinitionQuery().processDefinitionKey(ProcedureVariables.PROCESS_KEY)
        .orderByProcessDefinitionVersion().asc().listPage(0, 500).stream().filter(d -> d.getVersion() < latest.getVersion()).toList();
    List<MigrationPlan> plans = new ArrayList<>();
    for (ProcessDefinition version : older) {
      long running = runtime.createProcessInstanceQuery().processDefinitionId(version.getId()).active().count();
      if (running == 0) {
        continue;
      }
      try {
        MigrationPlan plan = runtime.createMigrationPlan(version.getId(), latest.getId()).mapEqualActivities().updateEventTriggers()
            .build();
        // every step a case of this version stands in must exist in the new one
        Set<String> mapped = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId).collect(Collectors.toSet());
        List<String> lost = management.createActivityStatisticsQuery(version.getId()).listPage(0, 2000).stream()
            .map(ActivityStatistics::getId).filter(activity -> !mapped.contains(activity)).sorted().toList();
        if (lost.isEmpty()) {
          plans.add(plan);
        } else {
          refused.add("version " + version.getVersion() + " (" + running + " cases): cases wait in " + String.join(", ", lost)
              + ", which the new version does not have");
        }
      } catch (MigrationPlanValidationException incompatible) {
        refused.add("version " + version.getVersion() + " (" + running + " cases): " + incompatible.getMessage());
      }
    }
    if (!refused.isEmpty()) {
      throw ApiProblem.conflict("No case was moved to version " + latest.getVersion() + ": the engine cannot map the steps of "
          + String.join("; ", refused) + ". Move those cases by hand in Cockpit, or keep them on their version.");
    }
    for (MigrationPlan plan : plans) {
      Batch batch = runtime.newMigration(plan).processInstanceQuery(runtime.createProcessInstanceQuery()
          .processDefinitionId(plan.getSourceProcessDefinitionId()).active()).executeAsync();
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("from", plan.getSourceProcessDefinitionId());
      shown.put("batchId", batch.getId());
      shown.put("cases", batch.getTotalJobs());
      moving.add(shown);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("to", latest.getId());
    answer.put("toVersion", latest.getVersion());
    answer.put("batches", moving);
    return answer;
  }

  /** The migration batches still running, with how many of their cases have moved. */
  @GetMapping("/api/procedure/migrations")
  List<Map<String, Object>> progress() {
    currentUser.requireAnyGroup(MANAGERS);
    List<Map<String, Object>> batches = new ArrayList<>();
    for (BatchStatistics batch : management.createBatchStatisticsQuery().type(Batch.TYPE_PROCESS_INSTANCE_MIGRATION).listPage(0, 100)) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("batchId", batch.getId());
      shown.put("cases", batch.getTotalJobs());
      shown.put("moved", batch.getCompletedJobs());
      shown.put("failed", batch.getFailedJobs());
      batches.add(shown);
    }
    return batches;
  }
}
