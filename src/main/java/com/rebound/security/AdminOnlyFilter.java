package com.rebound.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rebound's administrative endpoints ({@code /api/admin/*}) answer only to members of
 * {@code camunda-admin}, checked with HTTP Basic against Camunda's identity store (the accounts of
 * Camunda Admin). 401 without valid credentials, 403 for other accounts.
 */
@Configuration
class AdminOnlyFilter {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> adminOnly(IdentityService identity) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
          response.setHeader("WWW-Authenticate", "Basic realm=\"Rebound\"");
          problem(response, HttpServletResponse.SC_UNAUTHORIZED, "Log in with an administrator's account (HTTP Basic).");
          return;
        }
        if (identity.createGroupQuery().groupMember(credentials[0]).groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
          problem(response, HttpServletResponse.SC_FORBIDDEN, "Only administrators (group camunda-admin) may do this.");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns("/api/admin/*");
    registration.setName("reboundAdminOnly");
    return registration;
  }

  private static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static void problem(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getWriter().write("{\"error\":\"" + message + "\"}");
  }
}
