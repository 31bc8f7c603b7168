package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Raw HTTP for the security tests: any method, any header, any body. */
final class Http {

  /** What an attempt sends: who (null: anonymous; "user:password"), and the request. */
  record Attempt(String name, String credentials, String method, String path, String contentType, byte[] body, int expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String JSON = "application/json";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {
  }

  static Attempt attempt(String name, String credentials, String method, String path, String body, int expected) {
    return new Attempt(name, credentials, method, path, body == null ? null : JSON,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), expected);
  }

  static HttpResponse<String> send(int port, Attempt attempt) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + attempt.path()))
        .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
    if (attempt.contentType() != null) {
      request.header("Content-Type", attempt.contentType());
    }
    if (attempt.credentials() != null) {
      request.header("Authorization", attempt.credentials().startsWith("raw:") ? attempt.credentials().substring(4)
          : "Basic " + Base64.getEncoder().encodeToString(attempt.credentials().getBytes(StandardCharsets.UTF_8)));
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** No stack trace, no SQL, no class names of the server's insides in what a caller sees. */
  static void assertNoInternals(String body) {
    for (String leak : List.of("\tat ", " at org.", " at com.", "Exception: ", "org.apache.ibatis", "org.h2.", "### ",
        "SELECT ", "INSERT INTO", "UPDATE ACT_", "Caused by")) {
      assertThat(body).as("answer leaks '%s'", leak).doesNotContain(leak);
    }
  }

  /** A multipart/form-data body as Desktop Modeler sends it for "Deploy current diagram". */
  static byte[] modelerDeployment(String boundary, String deploymentName, String fileName, String bpmn) {
    String body = part(boundary, "deployment-name", deploymentName)
        + part(boundary, "deployment-source", "Camunda Modeler")
        + part(boundary, "enable-duplicate-filtering", "true")
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String part(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
}
