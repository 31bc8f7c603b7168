package com.rebound.engineguard;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.SetJobsRetriesByProcessBatchCmd;
import org.camunda.bpm.engine.impl.batch.DeleteBatchCmd;
import org.camunda.bpm.engine.impl.batch.history.DeleteHistoricBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricTaskInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserOperationLogEntryCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteHistoricProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.DeleteHistoricDecisionInstancesBatchCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.migration.MigrationPlan;

/**
 * What no technician or manager may do, whatever the route ({@code /engine-rest}, the webapps, {@code /api}):
 * <ul>
 * <li>move a case between steps: start it elsewhere than at its start, modify it, restart an ended one,
 *   migrate cases other than each step to the step of the same id, without variables and without skipping
 *   listeners or mappings (how Rebound moves cases to a new version);</li>
 * <li>erase: delete a deployment or process definition with its cases (cascade), delete cases or their history,
 *   the operation log, or set history's removal time;</li>
 * <li>run a case's timers ahead of time or silence them: execute a job, change retries, due dates, priorities,
 *   suspend or delete jobs;</li>
 * <li>write variables to many cases at once.</li>
 * </ul>
 * Administrators ({@code camunda-admin}) may, and Camunda's user operation log records who did it with the
 * annotation given. Rebound's own code and the job executor run without a person and are not concerned.
 */
final class AdministratorsOnly extends CommandInterceptor {

  private static final List<Class<?>> MOVES = List.of(StartProcessInstanceAtActivitiesCmd.class, ModifyProcessInstanceCmd.class,
      ModifyProcessInstanceAsyncCmd.class, AbstractProcessInstanceModificationCommand.class, AbstractModificationCmd.class,
      AbstractRestartProcessInstanceCmd.class, AbstractSetProcessInstanceStateCmd.class,
      AbstractUpdateProcessInstancesSuspendStateCmd.class, AbstractSetProcessDefinitionStateCmd.class);
  private static final List<Class<?>> ERASES = List.of(AbstractDeleteProcessInstanceCmd.class, DeleteProcessInstanceBatchCmd.class,
      DeleteHistoricProcessInstancesCmd.class, DeleteHistoricProcessInstancesBatchCmd.class, DeleteHistoricTaskInstanceCmd.class,
      DeleteHistoricVariableInstanceCmd.class, DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class,
      DeleteHistoricDecisionInstancesBatchCmd.class, DeleteUserOperationLogEntryCmd.class,
      SetRemovalTimeToHistoricProcessInstancesCmd.class, DeleteBatchCmd.class, DeleteHistoricBatchCmd.class);
  private static final List<Class<?>> TIMERS = List.of(ExecuteJobsCmd.class, SetJobRetriesCmd.class, AbstractSetJobsRetriesBatchCmd.class,
      SetJobsRetriesByProcessBatchCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobPriorityCmd.class,
      SetJobDefinitionPriorityCmd.class, AbstractSetJobStateCmd.class, AbstractSetJobDefinitionStateCmd.class, DeleteJobCmd.class,
      DeleteJobsCmd.class, SetVariablesToProcessInstancesBatchCmd.class,
      // a refused execution must not count as the job's failure (the engine would take one of its retries)
      FailedJobListener.class);

  private final IdentityService identity;

  AdministratorsOnly(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public <T> T execute(Command<T> command) {
    // who runs it first: Rebound's own commands and administrators' pay nothing more (no command is read)
    Authentication user = Persons.current(identity);
    if (user != null) {
      String refusal = refusal(command);
      if (refusal != null) {
        throw new AuthorizationException("Only an administrator may " + refusal + " (" + user.getUserId() + " is not in "
            + Groups.CAMUNDA_ADMIN + "). Nothing was changed.");
      }
    }
    return next.execute(command);
  }

  private static String refusal(Command<?> command) {
    if (is(command, MOVES)) {
      return "start a case elsewhere than at its start, move a running case between steps, suspend or resume cases, or "
          + "restart an ended one";
    }
    if (command instanceof AbstractMigrationCmd && !keepsEachStep(command)) {
      return "migrate a case to another step, with variables, or skipping listeners or mappings (a version change keeps each "
          + "case in the step of the same id)";
    }
    if (is(command, ERASES) || erasesCases(command)) {
      return "delete cases, their history or the record of who did what, or a deployment with its cases";
    }
    if (is(command, TIMERS)) {
      return "run a case's timers and jobs ahead of time, change their retries, due dates or priorities, suspend or delete "
          + "them, or write variables to many cases at once";
    }
    return null;
  }

  private static boolean keepsEachStep(Command<?> command) {
    MigrationPlanExecutionBuilderImpl execution = (MigrationPlanExecutionBuilderImpl) EngineCommands.field(command, "executionBuilder");
    MigrationPlan plan = execution.getMigrationPlan();
    return !execution.isSkipCustomListeners() && !execution.isSkipIoMappings()
        && (plan.getVariables() == null || plan.getVariables().isEmpty())
        && plan.getInstructions().stream().allMatch(i -> i.getSourceActivityId().equals(i.getTargetActivityId()));
  }

  /** A deployment or process definition deleted with everything that runs on it. */
  private static boolean erasesCases(Command<?> command) {
    return (command instanceof DeleteDeploymentCmd || command instanceof AbstractDeleteProcessDefinitionCmd)
        && Boolean.TRUE.equals(EngineCommands.field(command, "cascade"));
  }

  private static boolean is(Command<?> command, List<Class<?>> kinds) {
    return kinds.stream().anyMatch(kind -> kind.isInstance(command));
  }
}
