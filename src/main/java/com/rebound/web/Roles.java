package com.rebound.web;

import java.util.List;

/** The groups of Camunda's identity store that Rebound's roles are: one name each, for every door and rule. */
public final class Roles {

  public static final String TECHNICIANS = "technicians";
  public static final String MANAGERS = "managers";
  /** Camunda's own administrators' group ({@code Groups.CAMUNDA_ADMIN}). */
  public static final String ADMINISTRATORS = "camunda-admin";
  /** The account Prometheus scrapes with: it reads /actuator/prometheus and nothing else. */
  public static final String METRICS = "metrics";
  public static final List<String> MANAGERS_OR_ADMINISTRATORS = List.of(MANAGERS, ADMINISTRATORS);

  private Roles() {
  }
}
