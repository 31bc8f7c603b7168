package com.rebound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client of {@code /engine-rest} with HTTP Basic, as an outside script would use it. */
public final class EngineRestClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  /** A client logged in as one of the demo accounts (password = user name), or anonymous with {@code null}. */
  public EngineRestClient(int port, String user) {
    this("http://localhost:" + port + "/engine-rest", user);
  }

  /**
   * A client of a named engine ({@code /engine-rest/engine/<name>}): a second Spring context in the same
   * JVM runs its engine under another name, since the REST API finds engines in Camunda's static registry.
   */
  public static EngineRestClient ofEngine(int port, String user, String engineName) {
    return new EngineRestClient("http://localhost:" + port + "/engine-rest/engine/" + engineName, user);
  }

  private EngineRestClient(String base, String user) {
    this.base = base;
    this.authorization = user == null ? null
        : "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The same server, another account. */
  public EngineRestClient as(String user) {
    return new EngineRestClient(Integer.parseInt(base.replaceAll(".*:(\\d+)/engine-rest", "$1")), user);
  }

  public record Response(int status, JsonNode body) {
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Parses a JSON text (for answers of Rebound's own API read with another client). */
  public JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response put(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A page of Rebound's own (a path from the server's root, e.g. a case's HTML report), as text. */
  public String html(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/engine-rest.*", "") + path)).header("Accept", "text/html");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Response(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
