package com.rebound.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.clients.MailAddress;
import com.rebound.web.CachedBody;
import com.rebound.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Staff addresses are checked like clients' ({@link MailAddress}): creating a user or changing a profile
 * (Camunda Admin, {@code /engine-rest}) with an address that is not a plain {@code local@domain} is a 400
 * naming {@code email}, and nothing is stored. Rebound mails those addresses.
 */
class ProfileAddressFilter extends OncePerRequestFilter {

  private static final Pattern PROFILE = Pattern.compile(".*/user/(create|[^/]+/profile)$");
  private final ObjectMapper json;

  ProfileAddressFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    boolean writes = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
    return !writes || !PROFILE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    JsonNode email = null;
    try {
      JsonNode profile = json.readTree(body);
      email = request.getRequestURI().endsWith("/create") ? profile.path("profile").path("email") : profile.path("email");
    } catch (IOException notJson) {
      // the engine answers a body that is not JSON with a 400 of its own
    }
    if (email != null && !email.isMissingNode() && !email.isNull() && !(email.isTextual() && email.asText().isEmpty())
        && !(email.isTextual() && MailAddress.valid(email.asText()))) {
      Problems.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "validation", "The request is not valid",
          "InvalidRequestException", "email: must be a plain address such as name@example.com (Rebound sends mail to it). "
              + "Nothing was changed.");
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }
}
