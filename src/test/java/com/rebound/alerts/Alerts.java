package com.rebound.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Calls of the alert tests: integrations created as the manager, alerts posted with a token. */
final class Alerts {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Alerts() {
  }

  /** Creates an integration as the manager; its token. */
  static String integration(int port, String name, List<String> clients, String label) throws Exception {
    String body = clients == null
        ? JSON.createObjectNode().put("name", name).put("allClients", true).put("clientLabel", label).toString()
        : JSON.createObjectNode().put("name", name).put("clientLabel", label).set("clients", JSON.valueToTree(clients)).toString();
    HttpResponse<String> created = ApiCalls.call(port, "manager", "POST", "/api/integrations", body);
    if (created.statusCode() != 201) {
      throw new IllegalStateException(created.body());
    }
    return JSON.readTree(created.body()).get("token").asText();
  }

  static HttpResponse<String> post(int port, String token, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String generic(String client, String key, String status, String severity, String summary) {
    return JSON.createObjectNode().put("client", client).put("key", key).put("status", status).put("severity", severity)
        .put("summary", summary).put("source", "uptime-kuma").put("link", "https://monitor.example/d/" + key)
        .set("systems", JSON.createArrayNode().add("FS01")).toString();
  }

  static JsonNode read(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
