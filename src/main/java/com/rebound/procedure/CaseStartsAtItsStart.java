package com.rebound.procedure;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A case starts at its start and moves only by its steps: starting a case at another element (start
 * instructions), modifying a running case (moving it between steps, skipping listeners or mappings)
 * and restarting ended cases are for administrators ({@code camunda-admin}) alone, whatever the route
 * ({@code /engine-rest}, the webapps). Technicians and managers get 403. Calls without a logged-in
 * user (Rebound's own code, the job executor) are not concerned. Camunda's user operation log records
 * who did it, with the annotation given.
 */
final class CaseStartsAtItsStart extends CommandInterceptor {

  private final ProcessEngineConfigurationImpl configuration;

  CaseStartsAtItsStart(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (movesACase(command)) {
      Authentication user = configuration.getIdentityService().getCurrentAuthentication();
      if (user != null && (user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
        throw new AuthorizationException("Only an administrator may start a case elsewhere than at its start, move a running "
            + "case between steps or restart an ended one (" + user.getUserId() + " is not in " + Groups.CAMUNDA_ADMIN
            + "). Nothing was changed.");
      }
    }
    return next.execute(command);
  }

  private static boolean movesACase(Command<?> command) {
    return command instanceof StartProcessInstanceAtActivitiesCmd || command instanceof ModifyProcessInstanceCmd
        || command instanceof ModifyProcessInstanceAsyncCmd || command instanceof AbstractProcessInstanceModificationCommand
        || command instanceof AbstractModificationCmd || command instanceof AbstractRestartProcessInstanceCmd;
  }
}
