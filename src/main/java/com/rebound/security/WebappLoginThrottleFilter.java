package com.rebound.security;

import com.rebound.web.Roles;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' login form ({@code POST /camunda/api/admin/auth/user/<engine>/login/<app>}) shares
 * the {@link LoginThrottle} of the REST doors: a locked user name is refused without a password
 * check, every refused login counts, and a refusal takes the same time for every name ({@link RefusalPace}).
 * The metrics account gets no webapp session (403).
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

  private final LoginThrottle throttle;
  private final RefusalPace pace;
  private final IdentityService identity;

  WebappLoginThrottleFilter(LoginThrottle throttle, RefusalPace pace, IdentityService identity) {
    this.throttle = throttle;
    this.pace = pace;
    this.identity = identity;
  }

  private boolean onlyReadsMeters(String user) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    return !groups.isEmpty() && groups.stream().allMatch(Roles.METRICS::equals);
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
    if (answer.getStatus() == HttpServletResponse.SC_OK && onlyReadsMeters(user)) {
      // the metrics account reads /actuator/prometheus and nothing else: no webapp session
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      answer.reset();
      com.rebound.web.Problems.write(request, answer, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden",
          "AuthorizationException", "The metrics account reads /actuator/prometheus only; it has no webapp.");
    } else if (answer.getStatus() == HttpServletResponse.SC_OK) {
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
