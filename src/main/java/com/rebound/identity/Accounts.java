package com.rebound.identity;

import com.rebound.settings.ReboundSettings;
import com.rebound.web.Roles;
import com.rebound.cluster.StartupLock;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The groups of the procedure's roles, always; and with {@code rebound.demo-users=true} (the default
 * profile) the demo accounts admin/admin, tech/tech and manager/manager. Idempotent: what exists
 * is left as it is, so a password changed in Camunda Admin stays changed. Nodes starting together
 * do it one after the other ({@link StartupLock}).
 */
@Component
class Accounts implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

  private record Demo(String id, String firstName, String lastName, String group) {
  }

  private static final List<Demo> DEMO = List.of(
      new Demo("admin", "Ada", "Admin", Groups.CAMUNDA_ADMIN),
      new Demo("tech", "Tomás", "Technician", Roles.TECHNICIANS),
      new Demo("manager", "Marta", "Manager", Roles.MANAGERS),
      new Demo(Roles.METRICS, "Prometheus", "Scraper", Roles.METRICS));

  private final IdentityService identity;
  private final StartupLock startupLock;
  private final boolean demoUsers;

  Accounts(IdentityService identity, StartupLock startupLock, ReboundSettings settings) {
    boolean demoUsers = settings.demoUsers();
    this.identity = identity;
    this.startupLock = startupLock;
    this.demoUsers = demoUsers;
  }

  @Override
  public void afterPropertiesSet() {
    startupLock.exclusively(this::createMissing);
  }

  private void createMissing() {
    group(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    group(Roles.TECHNICIANS, "Technicians", Groups.GROUP_TYPE_WORKFLOW);
    group(Roles.MANAGERS, "Managers", Groups.GROUP_TYPE_WORKFLOW);
    group(Roles.METRICS, "Metrics readers (Prometheus)", Groups.GROUP_TYPE_SYSTEM);
    if (demoUsers) {
      DEMO.forEach(this::demoUser);
    }
  }

  private void group(String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private void demoUser(Demo demo) {
    if (identity.createUserQuery().userId(demo.id()).count() > 0) {
      return;
    }
    User user = identity.newUser(demo.id());
    user.setFirstName(demo.firstName());
    user.setLastName(demo.lastName());
    user.setEmail(demo.id() + "@rebound.invalid");
    user.setPassword(demo.id());
    identity.saveUser(user);
    identity.createMembership(demo.id(), demo.group());
    LOG.info("Demo account {}/{} created in group {}", demo.id(), demo.id(), demo.group());
  }
}
