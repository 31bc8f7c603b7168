package com.rebound.security;

import com.rebound.procedure.ProcedureVariables;
import com.rebound.web.Roles;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * A runbook (a process whose id starts with {@code runbook}, under {@code bpmn/runbooks/}) is part of the cases that call
 * it: whenever one is deployed (at start-up, or by a manager from Modeler while Rebound runs), technicians get what they
 * have on the procedure itself: to read its definition, its running instances (Tasklist's cards show the case's fields)
 * and its history (the case page's timeline). Its steps' grants come, as the procedure's, from their candidate groups.
 * Written by the engine's deployment itself, whoever deploys.
 */
public final class RunbookGrants implements Deployer {

  private static final Permission[] TECHNICIANS_MAY = {ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
      ProcessDefinitionPermissions.READ_HISTORY};

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (deployment.getDeployedProcessDefinitions() == null) {
      return;
    }
    CommandContext command = Context.getCommandContext();
    for (ProcessDefinition definition : deployment.getDeployedProcessDefinitions()) {
      if (definition.getKey().startsWith(ProcedureVariables.RUNBOOK_PREFIX)) {
        command.runWithoutAuthorization(() -> {
          grant(command.getAuthorizationManager(), definition.getKey());
          return null;
        });
      }
    }
  }

  private static void grant(AuthorizationManager authorizations, String key) {
    AuthorizationEntity existing = authorizations.findAuthorizationByGroupIdAndResourceId(Authorization.AUTH_TYPE_GRANT,
        Roles.TECHNICIANS, Resources.PROCESS_DEFINITION, key);
    AuthorizationEntity grant = existing != null ? existing : new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
    boolean changed = existing == null;
    if (existing == null) {
      grant.setGroupId(Roles.TECHNICIANS);
      grant.setResource(Resources.PROCESS_DEFINITION);
      grant.setResourceId(key);
    }
    for (Permission permission : TECHNICIANS_MAY) {
      if (!grant.isPermissionGranted(permission)) {
        grant.addPermission(permission);
        changed = true;
      }
    }
    if (existing == null) {
      authorizations.insert(grant);
    } else if (changed) {
      authorizations.update(grant);
    }
  }
}
