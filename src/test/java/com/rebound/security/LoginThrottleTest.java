package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Repeated failed logins lock a user name for a while, and answer the same whether the user exists or not. */
@ReboundSpringBootTest
class LoginThrottleTest {

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;

  @Test
  void fiveFailuresLockTheNameForAMinuteThenItWorksAgain() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), Duration.ofSeconds(60), clock);
    for (int i = 0; i < 4; i++) {
      throttle.failed("Tech");
    }
    assertThat(throttle.isLocked("tech")).isFalse();
    throttle.failed("tech");
    assertThat(throttle.isLocked("TECH")).isTrue();
    now.set(now.get().plusSeconds(59));
    assertThat(throttle.isLocked("tech")).isTrue();
    now.set(now.get().plusSeconds(2));
    assertThat(throttle.isLocked("tech")).isFalse();
  }

  @Test
  void aLockedAccountAndAMissingOneGetTheSameAnswer() throws Exception {
    if (identity.createUserQuery().userId("victim").count() == 0) {
      User victim = identity.newUser("victim");
      victim.setPassword("correct horse");
      identity.saveUser(victim);
    }
    for (int i = 0; i < 5; i++) {
      Http.send(port, Http.attempt("", "victim:guess" + i, "GET", "/engine-rest/task?maxResults=1", null, 401));
      Http.send(port, Http.attempt("", "ghost:guess" + i, "GET", "/engine-rest/task?maxResults=1", null, 401));
    }
    HttpResponse<String> victim = Http.send(port, Http.attempt("", "victim:correct horse", "GET", "/engine-rest/task?maxResults=1", null, 401));
    HttpResponse<String> ghost = Http.send(port, Http.attempt("", "ghost:correct horse", "GET", "/engine-rest/task?maxResults=1", null, 401));

    assertThat(victim.statusCode()).as("even the right password is refused while locked").isEqualTo(401);
    assertThat(ghost.statusCode()).isEqualTo(401);
    assertThat(victim.body()).isEqualTo(ghost.body());
    assertThat(identity.checkPassword("victim", "correct horse")).as("the account itself is not locked for good").isTrue();
  }
}
