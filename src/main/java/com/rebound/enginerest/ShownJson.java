package com.rebound.enginerest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.springframework.web.util.ContentCachingResponseWrapper;

/** An engine answer as the reader is shown it: its JSON changed in place by {@code change} (true when it changed it). */
final class ShownJson {

  private ShownJson() {
  }

  static void rewrite(HttpServletRequest request, HttpServletResponse response, FilterChain chain, ObjectMapper json,
      Predicate<JsonNode> change) throws ServletException, IOException {
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    byte[] body = cached.getContentAsByteArray();
    if (cached.getStatus() == HttpServletResponse.SC_OK && body.length > 0) {
      try {
        JsonNode answer = json.readTree(body);
        if (change.test(answer)) {
          cached.resetBuffer();
          cached.getOutputStream().write(json.writeValueAsBytes(answer));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
        // shown as the engine gives it
      }
    }
    cached.copyBodyToResponse();
  }
}
