package com.rebound.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' login form ({@code POST /camunda/api/admin/auth/user/<engine>/login/<app>}) shares
 * the {@link LoginThrottle} of the REST doors: a locked user name is refused without a password
 * check, every refused login counts, and a refusal takes the same time for every name ({@link RefusalPace}).
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final RefusalPace pace;

  WebappLoginThrottleFilter(LoginThrottle throttle, RefusalPace pace) {
    this.throttle = throttle;
    this.pace = pace;
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
    long started = pace.started();
    // the answer is held back until it is known, so that a refusal leaves no sooner than the pace allows
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() == HttpServletResponse.SC_OK) {
      throttle.succeeded(user, request.getRemoteAddr());
    } else if (answer.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      // only a password that was checked and refused counts (not a login refused for its CSRF token, nor a
      // right password for an application the user may not open)
      throttle.failed(user, request.getRemoteAddr());
      pace.holdRefusal(started);
    }
    answer.copyBodyToResponse();
  }
}
