package com.rebound.security;

import static com.rebound.security.Http.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import com.rebound.security.Http.Attempt;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Rebound's own doors ({@code /api}, {@code /actuator}) and what must not be there at all (the H2
 * console): a table of attempts, each with its status, no internals in the answer, nothing changed.
 */
@ReboundSpringBootTest
class ReboundDoorsSecurityTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  static Stream<Attempt> attempts() {
    return Stream.of(
        attempt("anonymous asks for a backup", null, "POST", "/api/admin/backups", null, 401),
        attempt("wrong password asks for a backup", "admin:not-the-password", "POST", "/api/admin/backups", null, 401),
        attempt("technician asks for a backup (admin needed)", "tech:tech", "POST", "/api/admin/backups", null, 403),
        attempt("manager asks for a backup (admin needed)", "manager:manager", "POST", "/api/admin/backups", null, 403),
        attempt("manager lists the backups (admin needed)", "manager:manager", "GET", "/api/admin/backups", null, 403),
        attempt("a 20 MB body", "admin:admin", "POST", "/api/admin/backups", "x".repeat(20 * 1024 * 1024), 413),
        attempt("malformed JSON", "manager:manager", "POST", "/api/clients", "{\"name\": ", 400),
        attempt("wrong types in a client", "manager:manager", "POST", "/api/clients", "{\"userCount\": \"many\"}", 400),
        attempt("a 5 MB summary for a new case", "tech:tech", "POST", "/api/incidents",
            "{\"clientId\": \"gestoria-lopez\", \"reportedBy\": \"x\", \"summary\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}", 400),
        attempt("an object for a summary", "tech:tech", "POST", "/api/incidents",
            "{\"clientId\": \"gestoria-lopez\", \"reportedBy\": \"x\", \"summary\": {\"a\": 1}}", 400),
        attempt("a 5 MB summary started over engine-rest", "tech:tech", "POST", "/engine-rest/process-definition/key/disasterRecovery/start",
            "{\"variables\": {\"clientId\": {\"value\": \"gestoria-lopez\"}, \"reportedBy\": {\"value\": \"x\"}, \"summary\": {\"value\": \""
                + "x".repeat(5 * 1024 * 1024) + "\"}}}", 400),
        attempt("an object for a summary started over engine-rest", "tech:tech", "POST",
            "/engine-rest/process-definition/key/disasterRecovery/start", "{\"variables\": {\"clientId\": {\"value\": \"gestoria-lopez\"}, "
                + "\"reportedBy\": {\"value\": \"x\"}, \"summary\": {\"value\": {\"a\": 1}}}}", 400),
        attempt("a 5 MB client name", "manager:manager", "POST", "/api/clients",
            "{\"id\": \"big-name\", \"name\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}", 400),
        attempt("an object for a client name", "manager:manager", "POST", "/api/clients", "{\"id\": \"object-name\", \"name\": {\"a\": 1}}", 400),
        attempt("technician creates a client (manager needed)", "tech:tech", "POST", "/api/clients", "{}", 403),
        attempt("anonymous lists clients", null, "GET", "/api/clients", null, 401),
        attempt("a page too large", "tech:tech", "GET", "/api/clients?size=1000000", null, 400),
        attempt("anonymous asks actuator for the environment", null, "GET", "/actuator/env", null, 401),
        attempt("admin asks actuator for the environment (not exposed)", "admin:admin", "GET", "/actuator/env", null, 404),
        attempt("anonymous opens the H2 console", null, "GET", "/h2-console", null, 404),
        attempt("admin opens the H2 console", "admin:admin", "GET", "/h2-console/login.do", null, 404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attempts")
  void refusedAttemptsGetTheirStatusRevealNothingAndChangeNothing(Attempt attempt) throws Exception {
    Map<String, Long> before = EngineState.of(engine);
    HttpResponse<String> response = Http.send(port, attempt);
    assertThat(response.statusCode()).as("%s: %s", attempt.name(), response.body()).isEqualTo(attempt.expected());
    Http.assertNoInternals(response.body());
    assertThat(EngineState.of(engine)).isEqualTo(before);
  }

  @Test
  void aPathThatClimbsOutOfAnOpenDoorIsRefused() throws Exception {
    for (String path : new String[] {"/actuator/health/../../engine-rest/user", "/actuator/health/%2e%2e/%2e%2e/engine-rest/user",
        "/actuator/health;x=1/../../engine-rest/user"}) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer.lines().findFirst().orElse("")).as(path).startsWith("HTTP/1.1 400");
        assertThat(answer).as(path).doesNotContain("\"id\":\"admin\"", "\"id\":\"tech\"");
      }
    }
  }

  @Test
  void healthIsOpenButItsDetailsAreForLoggedInUsers() throws Exception {
    HttpResponse<String> anonymous = Http.send(port, attempt("", null, "GET", "/actuator/health", null, 200));
    HttpResponse<String> admin = Http.send(port, attempt("", "admin:admin", "GET", "/actuator/health", null, 200));
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("H2");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("\"backup\"").contains("\"db\"");
  }

  @Test
  void ownAnswersCarrySecurityHeaders() throws Exception {
    HttpResponse<String> response = Http.send(port, attempt("", "admin:admin", "GET", "/api/clients", null, 200));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
  }
}
