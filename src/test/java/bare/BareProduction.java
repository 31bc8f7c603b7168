package bare;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code --bare.production=true} (the speed benchmark's default yardstick): what a team would add to the bare
 * starter for the same job in production, and no more. Camunda's own Basic authentication on {@code /engine-rest}
 * (its documented filter, checking the password with the identity service on every request); the same users, groups
 * and grants as Rebound's for the walk (technicians start and work their candidate group's steps, managers theirs);
 * Camunda's authorization checks switched on by the benchmark ({@code camunda.bpm.authorization.enabled}), so the
 * engine writes a grant for each step's candidate group and checks every query and completion against them.
 */
@Configuration
@ConditionalOnProperty("bare.production")
class BareProduction {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestBasicAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> filter = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    filter.addUrlPatterns("/engine-rest/*");
    filter.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    return filter;
  }

  @Bean
  ApplicationRunner usersAndGrants(IdentityService identity, AuthorizationService authorizations) {
    return arguments -> {
      group(identity, "technicians");
      group(identity, "managers");
      user(identity, "tech", "technicians");
      user(identity, "manager", "managers");
      grant(authorizations, "technicians", Resources.PROCESS_DEFINITION, "bareProcedure", ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY);
      grant(authorizations, "technicians", Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE);
      grant(authorizations, "managers", Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_ASSIGN);
      grant(authorizations, "managers", Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.CREATE,
          ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE);
    };
  }

  private static void group(IdentityService identity, String id) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(id);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private static void user(IdentityService identity, String id, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(id);
      identity.saveUser(user);
      identity.createMembership(id, group);
    }
  }

  private static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
      Permission... permissions) {
    List<Authorization> existing = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
        .resourceId(resourceId).list();
    if (existing.isEmpty()) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
      for (Permission permission : permissions) {
        grant.addPermission(permission);
      }
      authorizations.saveAuthorization(grant);
    }
  }
}
