package com.rebound.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing production admin password into Spring Boot's short failure report, without a stack trace. */
public class MissingAdminPasswordFailureAnalyzer extends AbstractFailureAnalyzer<ProductionAdmin.MissingProductionSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ProductionAdmin.MissingProductionSettingException cause) {
    return new FailureAnalysis(cause.getMessage(), "Set it, for example: REBOUND_ADMIN_PASSWORD='a long secret' "
        + "REBOUND_PUBLIC_URL=https://rebound.your-msp.example java -jar rebound.jar --spring.profiles.active=prod", cause);
  }
}
