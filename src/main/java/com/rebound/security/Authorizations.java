package com.rebound.security;

import com.rebound.web.Roles;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.rebound.cluster.StartupLock;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Who may do what (Camunda authorizations, granted to groups at start-up; a restart adds nothing
 * twice). Technicians: Tasklist, starting and reading cases, the tasks of their candidate group.
 * Managers: Tasklist and Cockpit, reading every case, their own tasks, deploying and migrating.
 * Administrators: everything. Tasklist filter grants live with the filters. Nodes starting together
 * grant one after the other ({@link StartupLock}).
 */
@Component
public class Authorizations implements InitializingBean {

  static final String PROCESS = "disasterRecovery";
  static final String ACTION_ITEM = "actionItem";
  static final String LEGAL_OBLIGATION = "legalObligation";

  private final AuthorizationService authorizations;
  private final StartupLock startupLock;

  Authorizations(AuthorizationService authorizations, StartupLock startupLock) {
    this.authorizations = authorizations;
    this.startupLock = startupLock;
  }

  @Override
  public void afterPropertiesSet() {
    startupLock.exclusively(this::grantAll);
  }

  private void grantAll() {
    for (Resources resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
    }

    grant(Roles.TECHNICIANS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(Roles.TECHNICIANS, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY);
    grant(Roles.TECHNICIANS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    // a case's legal obligations: technicians see and record them (the steps are theirs by candidate group)
    grant(Roles.TECHNICIANS, Resources.PROCESS_DEFINITION, LEGAL_OBLIGATION, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    grant(Roles.TECHNICIANS, Resources.USER, ANY, Permissions.READ);
    grant(Roles.TECHNICIANS, Resources.GROUP, ANY, Permissions.READ);

    grant(Roles.MANAGERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(Roles.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Roles.MANAGERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
        ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.MIGRATE_INSTANCE,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
        // managers dispatch work: they assign a case's tasks to technicians (who are told by e-mail)
        ProcessDefinitionPermissions.TASK_ASSIGN);
    // managers may close any action item, a technician's too (theirs are not in the managers' queue)
    grant(Roles.MANAGERS, Resources.PROCESS_DEFINITION, ACTION_ITEM, ProcessDefinitionPermissions.TASK_WORK);
    grant(Roles.MANAGERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE,
        ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE);
    grant(Roles.MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
    grant(Roles.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(Roles.MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(Roles.MANAGERS, Resources.BATCH, ANY, Permissions.READ, BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES);
    grant(Roles.MANAGERS, Resources.USER, ANY, Permissions.READ);
    grant(Roles.MANAGERS, Resources.GROUP, ANY, Permissions.READ);
  }

  /** Grants the permissions to the group on the resource, adding to what is there and never duplicating. */
  public static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
      Permission... permissions) {
    List<Authorization> existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).list();
    Authorization authorization = existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT) : existing.get(0);
    boolean changed = existing.isEmpty();
    if (existing.isEmpty()) {
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    grant(authorizations, group, resource, resourceId, permissions);
  }
}
