package com.rebound.enginerest;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** Rebound's API answers two changes of one case at the same moment with a 409 that says to try again, never the engine's text. */
class ApiErrorsTest {

  @Test
  void aConcurrentChangeIsA409ThatSaysToTryAgain() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/cases/DR-2026-0001/messages");
    ResponseEntity<ProblemDetail> answer = new ApiErrors().concurrent(new OptimisticLockingException(
        "ENGINE-03005 Execution of 'UPDATE VariableInstanceEntity[b365]' failed."), request);
    assertThat(answer.getStatusCode().value()).isEqualTo(409);
    assertThat(answer.getBody().getDetail()).contains("try again").doesNotContain("ENGINE", "VariableInstanceEntity");
  }
}
