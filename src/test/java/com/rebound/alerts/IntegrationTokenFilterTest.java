package com.rebound.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A storm that holds every pooled connection, or a database away, is a 503 with Retry-After at the alerts' door (the
 * monitor sends again), never a 500; and the request goes no further.
 */
class IntegrationTokenFilterTest {

  @Test
  void aPoolWithNoFreeConnectionIsA503ThatSaysBusy_withRetryAfter() throws Exception {
    MockHttpServletResponse answer = post(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms")));
    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getHeader("Retry-After")).isEqualTo("5");
    assertThat(answer.getContentAsString()).contains("\"title\":\"Busy, try again in a moment\"", "Nothing of it was kept");
  }

  @Test
  void aDatabaseAwayIsA503ThatSaysSo_withRetryAfter() throws Exception {
    SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("refused"));
    MockHttpServletResponse answer = post(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available", refused)));
    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getHeader("Retry-After")).isEqualTo("5");
    assertThat(answer.getContentAsString()).contains("Database unavailable");
  }

  private static MockHttpServletResponse post(RuntimeException failure) throws Exception {
    Integrations integrations = mock(Integrations.class);
    when(integrations.authenticate(any())).thenThrow(failure);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/alerts/alertmanager");
    request.addHeader("Authorization", "Bearer a-token");
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain chain = mock(FilterChain.class);
    new IntegrationTokenFilter(integrations).doFilter(request, response, chain);
    verifyNoInteractions(chain);
    return response;
  }
}
