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
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void fiveFailuresLockTheNameForAMinuteThenItWorksAgain() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T10:00:00Z"));
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    LoginThrottle throttle = new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), clock);
    for (int i = 0; i < 4; i++) {
      throttle.failed("Throttled-Tech");
    }
    assertThat(throttle.isLocked("throttled-tech")).isFalse();
    throttle.failed("throttled-tech");
    assertThat(throttle.isLocked("THROTTLED-TECH")).isTrue();
    now.set(now.get().plusSeconds(59));
    assertThat(throttle.isLocked("throttled-tech")).isTrue();
    now.set(now.get().plusSeconds(2));
    assertThat(throttle.isLocked("throttled-tech")).isFalse();
  }

  @Test
  void failuresOnTwoNodesCountTogether() {
    // two throttles on one database stand for two nodes: 3 failures on one and 2 on the other lock the name on both
    LoginThrottle nodeA = new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), Clock.systemUTC());
    LoginThrottle nodeB = new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), Clock.systemUTC());
    for (int i = 0; i < 3; i++) {
      nodeA.failed("two-node-guess");
    }
    nodeB.failed("two-node-guess");
    assertThat(nodeA.isLocked("two-node-guess")).isFalse();
    assertThat(nodeB.isLocked("two-node-guess")).isFalse();
    nodeB.failed("Two-Node-Guess");
    assertThat(nodeA.isLocked("two-node-guess")).as("locked on the node that saw 3 of the 5").isTrue();
    assertThat(nodeB.isLocked("two-node-guess")).isTrue();
    nodeA.succeeded("two-node-guess");
    assertThat(nodeB.isLocked("two-node-guess")).as("a success elsewhere does not lift a lock").isTrue();
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
