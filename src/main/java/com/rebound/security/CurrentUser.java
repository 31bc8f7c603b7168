package com.rebound.security;

import com.rebound.web.ApiProblem;
import java.util.List;
import java.util.function.Supplier;
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

  /** Throws {@link ApiProblem} 403 unless the caller is an administrator (group camunda-admin). */
  public void requireAdministrator() {
    if (!inAnyGroup(List.of(Groups.CAMUNDA_ADMIN))) {
      throw ApiProblem.forbidden("Only administrators (group camunda-admin) may do this.");
    }
  }

  /** Throws {@link ApiProblem} 403 unless the caller is in one of the groups. */
  public void requireAnyGroup(List<String> groups) {
    if (!inAnyGroup(groups)) {
      throw ApiProblem.forbidden("Only " + String.join(" or ", groups) + " may do this.");
    }
  }

  /** The caller's user id, or null when nobody is logged in. */
  public String userId() {
    Authentication current = identity.getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  /** True when the caller is in one of the groups. */
  public boolean inAnyGroup(List<String> groups) {
    Authentication current = identity.getCurrentAuthentication();
    return current != null && current.getGroupIds() != null && current.getGroupIds().stream().anyMatch(groups::contains);
  }

  /**
   * Runs work Rebound itself decides inside a person's request (a manager places a monitor's alert: Rebound opens the
   * monitor's case as the alert would have): the engine sees no person for it, as for a monitor's alert, so its rules for
   * a person's writes do not bind the variables Rebound's code sets. The person's login is back when it returns. Never
   * for values a person typed that Rebound has not checked.
   */
  public <T> T asRebound(Supplier<T> work) {
    Authentication person = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (person != null) {
        identity.setAuthentication(person);
      }
    }
  }
}
