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
      throttle.failed("Throttled-Tech", "192.0.2.1");
    }
    assertThat(throttle.isLocked("throttled-tech", "192.0.2.1")).isFalse();
    throttle.failed("throttled-tech", "192.0.2.1");
    assertThat(throttle.isLocked("THROTTLED-TECH", "192.0.2.1")).isTrue();
    now.set(now.get().plusSeconds(59));
    assertThat(throttle.isLocked("throttled-tech", "192.0.2.1")).isTrue();
    now.set(now.get().plusSeconds(2));
    assertThat(throttle.isLocked("throttled-tech", "192.0.2.1")).isFalse();
  }

  @Test
  void failuresOnTwoNodesCountTogether() {
    // two throttles on one database stand for two nodes: 3 failures on one and 2 on the other lock the name on both
    LoginThrottle nodeA = new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), Clock.systemUTC());
    LoginThrottle nodeB = new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), Clock.systemUTC());
    for (int i = 0; i < 3; i++) {
      nodeA.failed("two-node-guess", "192.0.2.1");
    }
    nodeB.failed("two-node-guess", "192.0.2.1");
    assertThat(nodeA.isLocked("two-node-guess", "192.0.2.1")).isFalse();
    assertThat(nodeB.isLocked("two-node-guess", "192.0.2.1")).isFalse();
    nodeB.failed("Two-Node-Guess", "192.0.2.1");
    assertThat(nodeA.isLocked("two-node-guess", "192.0.2.1")).as("locked on the node that saw 3 of the 5").isTrue();
    assertThat(nodeB.isLocked("two-node-guess", "192.0.2.1")).isTrue();
    nodeA.succeeded("two-node-guess", "192.0.2.1");
    assertThat(nodeB.isLocked("two-node-guess", "192.0.2.1")).as("a success elsewhere does not lift a lock").isTrue();
  }

  @Test
  void guessingSpreadOverManyAddressesLocksTheNameAtTenTimesTheLimit() {
    LoginThrottle throttle = new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), Clock.systemUTC());
    for (int i = 0; i < 49; i++) {
      throttle.failed("spread-guess", "198.51.100." + i);
    }
    assertThat(throttle.isLocked("spread-guess", "192.0.2.200")).isFalse();
    throttle.failed("spread-guess", "198.51.100.49");
    assertThat(throttle.isLocked("spread-guess", "198.51.100.7")).as("50 failures from 50 addresses: each of them").isTrue();
    assertThat(throttle.isLocked("spread-guess", "192.0.2.200")).as("an address that never failed").isFalse();
    throttle.failed("spread-guess", "192.0.2.200");
    assertThat(throttle.isLocked("spread-guess", "192.0.2.200")).as("once it fails, it is locked too").isTrue();
  }

  @Test
  void forgedAddressesCannotLockTheOwnerOut() throws Exception {
    // an account of its own (as the probe did to admin), so the lock it provokes touches no other test
    org.camunda.bpm.engine.identity.User owner = identity.newUser("lockedOutOwner");
    owner.setPassword("the-owners-password");
    identity.saveUser(owner);
    for (int i = 0; i < 55; i++) {
      assertThat(basic("lockedOutOwner:guess" + i, "198.18.0." + i)).isEqualTo(401);
    }
    assertThat(basic("lockedOutOwner:the-owners-password", "198.18.0.3")).as("an address that guessed is locked").isEqualTo(401);
    assertThat(basic("lockedOutOwner:the-owners-password", "192.0.2.77")).as("the owner, from an address that did not fail")
        .isEqualTo(200);
  }

  @Test
  void aStrangerCannotLockAManagerOut() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThat(basic("manager:guess" + i, "203.0.113.7")).isEqualTo(401);
    }
    assertThat(basic("manager:manager", "203.0.113.7")).as("the stranger's address is locked").isEqualTo(401);
    assertThat(basic("manager:manager", "198.51.100.9")).as("the manager, from their own address, is not").isEqualTo(200);
  }

  /** A Basic login to /engine-rest as a proxy on this machine forwards it from a client's address. */
  private int basic(String credentials, String from) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
            + port + "/engine-rest/task?maxResults=1")).header("X-Forwarded-For", from).header("Authorization", "Basic "
            + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aRefusalTakesAsLongForAnUnknownNameAsForAKnownOne() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.function.BiFunction<String, Integer, Long> refusedMillis = (user, attempt) -> {
      long started = System.nanoTime();
      try {
        int status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/engine-rest/task?maxResults=1")).header("X-Forwarded-For", "192.0.2." + (100 + attempt)).header("Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":wrong" + attempt).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(401);
      } catch (java.io.IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return (System.nanoTime() - started) / 1_000_000;
    };
    java.util.List<Long> known = new java.util.ArrayList<>();
    java.util.List<Long> unknown = new java.util.ArrayList<>();
    for (int attempt = 0; attempt < 9; attempt++) {
      known.add(refusedMillis.apply("tech", attempt));
      unknown.add(refusedMillis.apply("nobody-by-that-name", attempt));
    }
    java.util.Collections.sort(known);
    java.util.Collections.sort(unknown);
    long knownMedian = known.get(4);
    long unknownMedian = unknown.get(4);
    assertThat(unknownMedian).as("a refusal waits for the floor: known %s, unknown %s", known, unknown).isGreaterThanOrEqualTo(100);
    assertThat(Math.abs(knownMedian - unknownMedian)).as("known %s, unknown %s", known, unknown).isLessThanOrEqualTo(15);
  }

  @Test
  void loginsRefusedForTheirCsrfTokenDoNotCount() throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
        .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    java.util.function.BiFunction<String, Boolean, Integer> login = (password, withToken) -> {
      try {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
            + "/camunda/api/admin/auth/user/default/login/tasklist")).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=manager&password=" + password));
        if (withToken) {
          request.header("X-XSRF-TOKEN", cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
              .map(java.net.HttpCookie::getValue).findFirst().orElseThrow());
        }
        return browser.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    for (int i = 0; i < 6; i++) {
      assertThat(login.apply("guess" + i, false)).as("refused for the missing token").isEqualTo(403);
    }
    // Camunda ends the session of a request without its token: the page is loaded again, as a browser would
    browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/"))
        .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
    assertThat(login.apply("manager", true)).as("those did not count").isEqualTo(200);
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
