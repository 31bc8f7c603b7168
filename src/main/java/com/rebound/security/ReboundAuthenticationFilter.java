package com.rebound.security;

import com.rebound.web.Roles;
import com.rebound.web.Problems;
import com.rebound.security.CredentialCache.Identity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One door policy for {@code /engine-rest}, Rebound's {@code /api} and {@code /actuator}: the
 * caller is a user of Camunda's identity store, proven by HTTP Basic or by the webapps' login
 * session, and the engine then checks that user's authorizations. Open without a login: only
 * {@code GET /engine-rest/engine} and the health endpoint. A session may change things only with
 * the webapps' CSRF token, so another site cannot act in a logged-in user's name.
 */
class ReboundAuthenticationFilter extends OncePerRequestFilter {

  private static final Pattern OPEN = Pattern.compile("^(/engine-rest/engine/?|/actuator/health(/.*)?)$");
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  private static final String CSRF_HEADER = "X-XSRF-TOKEN";
  /** Where monitors post alerts: an integration token (Bearer) is the only way in, checked by {@code alerts.IntegrationTokenFilter}. */
  static final Set<String> INTEGRATION_DOORS = Set.of("/api/alerts", "/api/alerts/alertmanager");

  private final ProcessEngine engine;
  private final CredentialCache cache;
  private final LoginThrottle throttle;
  private final RefusalPace pace;

  ReboundAuthenticationFilter(ProcessEngine engine, CredentialCache cache, LoginThrottle throttle, RefusalPace pace) {
    this.engine = engine;
    this.cache = cache;
    this.throttle = throttle;
    this.pace = pace;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // the path was normalised before every filter (PathFirewall): this one decides on the path the application serves
    if (INTEGRATION_DOORS.contains(path) && "POST".equals(request.getMethod())) {
      // monitors post alerts with an integration's token, checked by the alert intake's own filter; no user login here
      chain.doFilter(request, response);
      return;
    }
    boolean open = OPEN.matcher(path).matches() && SAFE_METHODS.contains(request.getMethod());
    Identity identity;
    try {
      identity = fromBasic(request);
      if (identity == null) {
        identity = fromSession(request);
      }
    } catch (LoginRefused refused) {
      if (open) {
        chain.doFilter(request, response);
      } else {
        unauthorized(request, response, refused.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      if (!com.rebound.database.DatabaseUnavailable.causes(e)) {
        throw e;
      }
      // the login could not be checked: the database is away
      Problems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
          com.rebound.database.DatabaseUnavailable.TYPE, com.rebound.database.DatabaseUnavailable.MESSAGE);
      return;
    }
    if (identity == null) {
      if (open) {
        chain.doFilter(request, response);
      } else {
        unauthorized(request, response,
            "Log in with your Rebound account (the accounts of Camunda Admin): HTTP Basic, or the webapps' session.");
      }
      return;
    }
    String refusal = doorRefusal(path, identity.groups());
    if (refusal != null) {
      Problems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden", "AuthorizationException", refusal);
      return;
    }
    IdentityService identityService = engine.getIdentityService();
    identityService.setAuthentication(identity.userId(), identity.groups(), identity.tenants());
    try {
      chain.doFilter(new Authenticated(request, identity), response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * Why a logged-in account may not use this door, or null: the actuator's meters (Prometheus) are for the
   * metrics account and managers; the metrics account reads them and nothing else.
   */
  static String doorRefusal(String path, java.util.List<String> groups) {
    boolean meters = path.startsWith("/actuator/") && !OPEN.matcher(path).matches();
    boolean reader = groups.stream().anyMatch(METER_READERS::contains);
    if (meters && !reader) {
      return "Only the metrics account (group metrics) and managers may read Rebound's meters.";
    }
    if (!meters && !OPEN.matcher(path).matches() && !groups.isEmpty() && groups.stream().allMatch(Roles.METRICS::equals)) {
      return "The metrics account reads /actuator/prometheus only.";
    }
    return null;
  }

  private static final Set<String> METER_READERS = Set.of(Roles.METRICS, Roles.MANAGERS, Roles.ADMINISTRATORS);

  private Identity fromBasic(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      throw new LoginRefused("The Authorization header is not valid Basic credentials.");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new LoginRefused("The Authorization header is not valid Basic credentials.");
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    Identity known = cache.get(user, password);
    if (known != null) {
      return known;
    }
    if (throttle.isLocked(user, request.getRemoteAddr())) {
      throw new LoginRefused("Wrong user name or password, or too many failed attempts: wait a minute and try again.");
    }
    IdentityService identityService = engine.getIdentityService();
    long started = pace.started();
    if (!identityService.checkPassword(user, password)) {
      throttle.failed(user, request.getRemoteAddr());
      cache.forget(user);
      pace.holdRefusal(started);
      throw new LoginRefused("Wrong user name or password, or too many failed attempts: wait a minute and try again.");
    }
    throttle.succeeded(user, request.getRemoteAddr());
    Identity identity = new Identity(user,
        identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList(),
        identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
    cache.put(user, password, identity);
    return identity;
  }

  private Identity fromSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engine.getName());
    if (!(authentication instanceof UserAuthentication user)) {
      return null;
    }
    if (!SAFE_METHODS.contains(request.getMethod())) {
      Object token = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
      if (token == null || !Objects.equals(token, request.getHeader(CSRF_HEADER))) {
        throw new LoginRefused("A change made with the webapps' session needs its CSRF token (header X-XSRF-TOKEN).");
      }
    }
    return new Identity(user.getIdentityId(), nonNull(user.getGroupIds()), nonNull(user.getTenantIds()));
  }

  private static List<String> nonNull(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    if (request.getHeader("X-Requested-With") == null) {
      // a script of Rebound's own pages handles the 401 itself (sends to the login): no browser password dialog
      response.setHeader("WWW-Authenticate", "Basic realm=\"Rebound\", charset=\"UTF-8\"");
    }
    Problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Log in first", "AuthenticationException",
        message);
  }

  /** The request as seen by what follows: with the user as principal and groups as roles. */
  private static final class Authenticated extends HttpServletRequestWrapper {
    private final Identity identity;

    Authenticated(HttpServletRequest request, Identity identity) {
      super(request);
      this.identity = identity;
    }

    @Override
    public Principal getUserPrincipal() {
      return identity::userId;
    }

    @Override
    public String getRemoteUser() {
      return identity.userId();
    }

    @Override
    public boolean isUserInRole(String role) {
      return identity.groups().contains(role);
    }
  }

  private static final class LoginRefused extends RuntimeException {
    LoginRefused(String message) {
      super(message, null, false, false);
    }
  }
}
