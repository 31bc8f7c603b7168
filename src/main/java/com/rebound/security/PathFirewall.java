package com.rebound.security;

import com.rebound.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one path rule, before every other filter and every door (the webapps' API included): the path a
 * filter decides on must be the one the application serves. A path with dot or empty segments, path
 * parameters ({@code ;x}), backslashes, an encoded slash, dot, backslash, semicolon or letter
 * ({@code %63omplete}), or a change sent to an API address with a trailing slash ({@code POST …/complete/}) is a 400 that says so;
 * no client of Rebound (Tasklist, Cockpit, Modeler, Rebound's pages) sends one.
 */
class PathFirewall extends OncePerRequestFilter {

  private static final java.util.Set<String> READS = java.util.Set.of("GET", "HEAD", "OPTIONS");
  private static final List<String> APIS = List.of("/engine-rest/", "/api/", "/camunda/api/");
  /** A percent-encoded unreserved character, slash, backslash or semicolon: nobody encodes those but to hide them. */
  private static final Pattern HIDDEN = Pattern.compile("%(2[dDeEfF]|3[0-9bB]|[46][1-9a-fA-F]|[57][0-9aA]|5[cCfF]|7[eE])");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String refusal = refusal(request.getMethod(), path);
    if (refusal != null) {
      Problems.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid-path", "The path is not valid",
          "InvalidRequestException", refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why the raw path is not one the application serves as written, or null. */
  static String refusal(String method, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("/./") || lower.contains("/../") || lower.endsWith("/.") || lower.endsWith("/..") || lower.contains("//")
        || lower.contains(";") || lower.contains("\\") || HIDDEN.matcher(path).find()) {
      return "The path may not contain '.', '..', empty or encoded segments, or path parameters.";
    }
    if (!READS.contains(method) && path.endsWith("/") && APIS.stream().anyMatch(api -> path.startsWith(api) && path.length() > api.length())
        ) {
      return "The address may not end with '/': write it as the API documents it.";
    }
    return null;
  }
}
