package com.rebound.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is calling Rebound's own endpoints, as the authentication filter established it. */
@Component
public class CurrentUser {

  private final IdentityService identity;

  CurrentUser(IdentityService identity) {
    this.identity = identity;
  }

  /** Throws {@link ForbiddenException} unless the caller is an administrator (group camunda-admin). */
  public void requireAdministrator() {
    Authentication current = identity.getCurrentAuthentication();
    if (current == null || current.getGroupIds() == null || !current.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      throw new ForbiddenException("Only administrators (group camunda-admin) may do this.");
    }
  }

  /** Throws {@link com.rebound.restapi.ApiProblem} 403 unless the caller is in one of the groups. */
  public void requireAnyGroup(java.util.List<String> groups) {
    Authentication current = identity.getCurrentAuthentication();
    if (current == null || current.getGroupIds() == null || current.getGroupIds().stream().noneMatch(groups::contains)) {
      throw com.rebound.restapi.ApiProblem.forbidden("Only " + String.join(" or ", groups) + " may do this.");
    }
  }

  /** The caller may not do this; the message says who may. */
  public static class ForbiddenException extends RuntimeException {
    ForbiddenException(String message) {
      super(message);
    }
  }
}
