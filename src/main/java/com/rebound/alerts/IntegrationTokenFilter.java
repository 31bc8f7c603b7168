package com.rebound.alerts;

import com.rebound.database.DatabaseUnavailable;
import com.rebound.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of the alert webhooks ({@code POST /api/alerts}, {@code POST /api/alerts/alertmanager}): an
 * integration's token ({@code Authorization: Bearer <token>}) and nothing else. A token opens no other door:
 * everywhere else Rebound asks for a user's login, and a Bearer header is not one.
 */
class IntegrationTokenFilter extends OncePerRequestFilter {

  private final Integrations integrations;

  IntegrationTokenFilter(Integrations integrations) {
    this.integrations = integrations;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(request, response, "Send the integration's token: Authorization: Bearer <token> (a manager creates one at /api/integrations).");
      return;
    }
    Optional<Integration> integration;
    try {
      integration = integrations.authenticate(header.substring(7).trim());
    } catch (RuntimeException e) {
      DatabaseUnavailable.Refusal refusal = DatabaseUnavailable.refusal(e);
      if (refusal == null) {
        throw e;
      }
      // a storm holds every connection, or the database is away: the monitor is told to send again
      response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
      Problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, refusal.kind(), refusal.title(),
          DatabaseUnavailable.TYPE, refusal.message());
      return;
    }
    if (integration.isEmpty()) {
      refuse(request, response, "This token is unknown or was revoked.");
      return;
    }
    request.setAttribute(Integration.ATTRIBUTE, integration.get());
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer realm=\"Rebound alerts\"");
    Problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "An integration token is needed",
        "AuthenticationException", detail);
  }
}
