package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The grants of each role, created at start-up without duplicates, and the engine's hardening switches. */
@ReboundSpringBootTest
class AuthorizationsTest {

  @Autowired
  AuthorizationService authorizations;
  @Autowired
  Authorizations startUpGrants;
  @Autowired
  ProcessEngineConfiguration configuration;

  @Test
  void aRestartAddsNoDuplicateGrants() {
    long before = authorizations.createAuthorizationQuery().count();
    startUpGrants.afterPropertiesSet();
    startUpGrants.afterPropertiesSet();
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(before);
  }

  @Test
  void eachRoleHasWhatItNeedsAndNoMore() {
    assertThat(authorizations.isUserAuthorized("tech", List.of("technicians"), Permissions.ACCESS, Resources.APPLICATION, "tasklist")).isTrue();
    assertThat(authorizations.isUserAuthorized("tech", List.of("technicians"), Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
    assertThat(authorizations.isUserAuthorized("tech", List.of("technicians"), Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
    assertThat(authorizations.isUserAuthorized("tech", List.of("technicians"), Permissions.CREATE, Resources.DEPLOYMENT, "*")).isFalse();
    assertThat(authorizations.isUserAuthorized("tech", List.of("technicians"), ProcessDefinitionPermissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, "disasterRecovery")).isTrue();

    assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.CREATE, Resources.DEPLOYMENT, "*")).isTrue();
    assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), ProcessDefinitionPermissions.MIGRATE_INSTANCE,
        Resources.PROCESS_DEFINITION, "disasterRecovery")).isTrue();
    assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();
    assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.CREATE, Resources.USER, "*")).isFalse();

    assertThat(authorizations.isUserAuthorized("admin", List.of("camunda-admin"), Permissions.ALL, Resources.AUTHORIZATION, "*")).isTrue();
  }

  @Test
  void engineHardeningIsOn() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    assertThat(engine.isAuthorizationEnabled()).isTrue();
    assertThat(engine.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(engine.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(engine.getQueryMaxResultsLimit()).isEqualTo(2000);
  }
}
