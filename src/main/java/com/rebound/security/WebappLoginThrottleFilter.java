package com.rebound.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login form ({@code POST /camunda/api/admin/auth/user/<engine>/login/<app>}) shares
 * the {@link LoginThrottle} of the REST doors: a locked user name is refused without a password
 * check, and every refused login counts.
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;

  WebappLoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = request.getParameter("username");
    if (user == null || user.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    if (throttle.isLocked(user, request.getRemoteAddr())) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_OK) {
      throttle.succeeded(user, request.getRemoteAddr());
    } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      // only a password that was checked and refused counts (not a login refused for its CSRF token, nor a
      // right password for an application the user may not open)
      throttle.failed(user, request.getRemoteAddr());
    }
  }
}
