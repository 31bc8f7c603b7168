package com.rebound.engineguard;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who a command of the engine runs for. The engine's rules bind a <em>person</em>: a logged-in user
 * who is not an administrator ({@code camunda-admin}), whatever the route ({@code /engine-rest},
 * Tasklist and Cockpit, Rebound's {@code /api}). Rebound's own code without a login (the job executor,
 * the client's pages, monitors' alerts) and administrators are not bound.
 */
final class Persons {

  private Persons() {
  }

  /** The person the current command runs for, or null when it runs for Rebound itself or an administrator. */
  static Authentication current() {
    return Context.getProcessEngineConfiguration() == null ? null : current(Context.getProcessEngineConfiguration().getIdentityService());
  }

  /** The same outside a command's context (an interceptor before the transaction). */
  static Authentication current(IdentityService identity) {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      return null;
    }
    return user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN) ? null : user;
  }
}
