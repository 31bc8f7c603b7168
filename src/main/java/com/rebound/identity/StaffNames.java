package com.rebound.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** The name a client reads for a member of staff: first and last name, never the login name. */
@Component
public class StaffNames {

  private final IdentityService identity;

  StaffNames(IdentityService identity) {
    this.identity = identity;
  }

  /** "Ana Técnica" for a user with names; {@code fallback} for a user without names, or unknown. */
  public String displayName(String userId, String fallback) {
    if (userId == null) {
      return fallback;
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return fallback;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName()))
        .trim();
    return name.isEmpty() ? fallback : name;
  }
}
