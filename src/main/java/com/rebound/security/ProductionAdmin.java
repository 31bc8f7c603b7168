package com.rebound.security;

import com.rebound.settings.ReboundSettings;
import com.rebound.cluster.StartupLock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Profile {@code prod}: the administrator {@code admin} gets its password from the environment
 * variable {@code REBOUND_ADMIN_PASSWORD} (set again at every start, so rotating it is a restart);
 * without it, or without {@code REBOUND_PUBLIC_URL} (where clients reach Rebound), Rebound does not start.
 */
@Component
@Profile("prod")
class ProductionAdmin implements InitializingBean {

  static final String VARIABLE = "REBOUND_ADMIN_PASSWORD";
  private final IdentityService identity;
  private final StartupLock startupLock;
  private final String password;
  private final String publicUrl;

  ProductionAdmin(IdentityService identity, StartupLock startupLock, @Value("${" + VARIABLE + ":}") String password,
      ReboundSettings settings) {
    String publicUrl = settings.publicUrl() == null ? "" : settings.publicUrl();
    this.identity = identity;
    this.startupLock = startupLock;
    this.password = password;
    this.publicUrl = publicUrl;
  }

  @Override
  public void afterPropertiesSet() {
    if (publicUrl == null || publicUrl.isBlank() || publicUrl.contains("//localhost") || publicUrl.contains("//127.")) {
      throw new MissingProductionSettingException("Profile 'prod' needs the address clients and staff reach Rebound at in "
          + "REBOUND_PUBLIC_URL (for example https://rebound.your-msp.example; the links in e-mails start with it), not '"
          + publicUrl + "'.");
    }
    if (password == null || password.isBlank()) {
      throw new MissingAdminPasswordException();
    }
    if (password.length() < 12) {
      throw new MissingAdminPasswordException(VARIABLE + " must be at least 12 characters long.");
    }
    startupLock.exclusively(this::createOrUpdateAdmin);
  }

  private void createOrUpdateAdmin() {
    User admin = identity.createUserQuery().userId("admin").singleResult();
    if (admin == null) {
      admin = identity.newUser("admin");
      admin.setFirstName("Rebound");
      admin.setLastName("Administrator");
      admin.setPassword(password);
      identity.saveUser(admin);
      identity.createMembership("admin", Groups.CAMUNDA_ADMIN);
    } else if (!identity.checkPassword("admin", password)) {
      admin.setPassword(password);
      identity.saveUser(admin);
    }
  }

  /** Profile prod without a setting it cannot do without. */
  static class MissingProductionSettingException extends RuntimeException {
    MissingProductionSettingException(String message) {
      super(message);
    }
  }

  /** Profile prod without {@code REBOUND_ADMIN_PASSWORD}. */
  static class MissingAdminPasswordException extends MissingProductionSettingException {
    MissingAdminPasswordException() {
      this("Profile 'prod' needs the administrator's password in the environment variable " + VARIABLE + " (12 characters or more).");
    }

    MissingAdminPasswordException(String message) {
      super(message);
    }
  }
}
