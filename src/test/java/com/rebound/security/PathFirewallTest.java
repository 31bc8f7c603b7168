package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One path rule for every door: what would let a filter and the application read a path differently is refused. */
class PathFirewallTest {

  @ParameterizedTest
  @CsvSource({
      "POST, /engine-rest/task/1/complete/",
      "POST, /camunda/api/engine/engine/default/task/1/submit-form/",
      "PUT, /engine-rest/user/tech/profile/",
      "POST, /engine-rest/task/1/complete;x=1",
      "POST, /engine-rest//task/1/complete",
      "POST, /engine-rest/task/1/%63omplete",
      "POST, /engine-rest/task/1/COMPLETE%2F",
      "GET, /actuator/health/../../engine-rest/user",
      "GET, /engine-rest/task/%2e%2e/user",
      "GET, /api/cases\\..\\x",
      "POST, /api/incidents/"})
  void oddSpellingsAreRefused(String method, String path) {
    assertThat(PathFirewall.refusal(method, path)).as(path).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/task/1/complete", "/camunda/app/tasklist/default/", "/api/cases/DR-2026-0001",
      "/engine-rest/process-instance/1/variables/caf%C3%A9", "/console/", "/engine-rest/engine/"})
  void whatClientsSendPasses(String path) {
    assertThat(PathFirewall.refusal(path.endsWith("/") ? "GET" : "POST", path)).as(path).isNull();
  }
}
