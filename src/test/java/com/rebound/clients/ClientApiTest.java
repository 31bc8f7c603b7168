package com.rebound.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api/clients: the demo clients, creation and validation, who may write, conflicts, deactivation. */
@ReboundSpringBootTest
class ClientApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  @LocalServerPort
  int port;
  @Autowired
  ClientService clients;

  private HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
    return ApiCalls.call(port, user, method, path, body);
  }

  private static String client(String id, String agreeing) {
    return """
        {"id": "%s", "name": "Talleres Martín", "sector": "Car repair", "userCount": 6, "criticalityTier": "standard",
         "responseTimeMinutes": 120, "rtoHours": 24, "rpoHours": 24,
         "businessHours": {"days": "MON,TUE,WED,THU,FRI", "start": "09:00", "end": "19:00", "timeZone": "Europe/Madrid",
                           "onlyDuringBusinessHours": true},
         "preferredLanguage": "es",
         "contacts": [{"name": "Ana Martín", "email": "ana@talleres.example", "role": "Owner", "agreesObjectives": %s}],
         "protections": ["backup"]}""".formatted(id, agreeing);
  }

  @Test
  void theArticlesClientsAndALargerOneAreThere() throws Exception {
    JsonNode page = JSON.readTree(call("tech", "GET", "/api/clients?size=50", null).body());
    assertThat(page.get("items")).extracting(c -> c.get("id").asText())
        .contains("ladrillos-garcia", "gestoria-lopez", "northwind-logistics");
    JsonNode office = JSON.readTree(call("tech", "GET", "/api/clients/gestoria-lopez", null).body());
    assertThat(office.get("userCount").asInt()).isEqualTo(25);
    assertThat(office.get("contacts").get(0).get("agreesObjectives").asBoolean()).isTrue();
    JsonNode search = JSON.readTree(call("tech", "GET", "/api/clients?search=LADRILLOS", null).body());
    assertThat(search.get("total").asLong()).isEqualTo(1);
  }

  @Test
  void aManagerCreatesAClientAndChangesIt() throws Exception {
    HttpResponse<String> created = call("manager", "POST", "/api/clients", client("talleres-martin", "true"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/clients/talleres-martin");
    JsonNode stored = JSON.readTree(created.body());
    assertThat(stored.get("active").asBoolean()).isTrue();

    String changed = client("talleres-martin", "true").replace("\"userCount\": 6", "\"userCount\": 8")
        .replace("\"protections\"", "\"version\": " + stored.get("version").asInt() + ", \"protections\"");
    HttpResponse<String> updated = call("manager", "PUT", "/api/clients/talleres-martin", changed);
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(JSON.readTree(updated.body()).get("userCount").asInt()).isEqualTo(8);

    HttpResponse<String> stale = call("manager", "PUT", "/api/clients/talleres-martin", changed);
    assertThat(stale.statusCode()).as("the same change on the old version").isEqualTo(409);
    assertThat(call("manager", "POST", "/api/clients", client("talleres-martin", "true")).statusCode()).isEqualTo(409);

    HttpResponse<String> deactivated = call("manager", "POST", "/api/clients/talleres-martin/deactivate", null);
    assertThat(JSON.readTree(deactivated.body()).get("active").asBoolean()).isFalse();
    assertThat(call("manager", "DELETE", "/api/clients/talleres-martin", null).statusCode()).as("no hard delete").isIn(404, 405);
    assertThat(clients.find("talleres-martin")).isPresent();
  }

  @Test
  void badFieldsAreEachNamedWithTheReasonAndNothingIsStored() throws Exception {
    String bad = client("Bad Id!", "false").replace("\"userCount\": 6", "\"userCount\": 0")
        .replace("\"criticalityTier\": \"standard\"", "\"criticalityTier\": \"vip\"")
        .replace("\"email\": \"ana@talleres.example\"", "\"email\": \"not-an-address\"")
        .replace("\"timeZone\": \"Europe/Madrid\"", "\"timeZone\": \"Mars/Olympus\"")
        .replace("\"start\": \"09:00\"", "\"start\": \"20:00\"")
        .replace("\"preferredLanguage\": \"es\"", "\"preferredLanguage\": \"fr\"")
        .replace("[\"backup\"]", "[\"prayer\"]");
    HttpResponse<String> response = call("manager", "POST", "/api/clients", bad);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("type").asText()).isEqualTo("urn:rebound:problem:validation");
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("errors")).extracting(e -> e.get("field").asText()).contains("id", "userCount", "criticalityTier",
        "contacts[0].email", "contacts", "businessHours.timeZone", "businessHours.end", "preferredLanguage", "protections");
    assertThat(response.body()).contains("must be one of critical, high, standard, basic")
        .contains("exactly one contact must be the person who agrees the objectives");
    assertThat(clients.find("Bad Id!")).isEmpty();

    HttpResponse<String> quotedComma = call("manager", "POST", "/api/clients", client("talleres-coma", "true")
        .replace("\"email\": \"ana@talleres.example\"", "\"email\": \"\\\"evil@attacker.example,\\\"@talleres.example\""));
    assertThat(quotedComma.statusCode()).as(quotedComma.body()).isEqualTo(400);
    assertThat(quotedComma.body()).contains("contacts[0].email", "plain address");
    assertThat(clients.find("talleres-coma")).isEmpty();

    HttpResponse<String> notJson = call("manager", "POST", "/api/clients", "{\"id\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not valid JSON").doesNotContain("Exception:").doesNotContain("\tat ");
  }

  @Test
  void techniciansReadButDoNotWrite() throws Exception {
    assertThat(call("tech", "GET", "/api/clients/ladrillos-garcia", null).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = call("tech", "POST", "/api/clients", client("tech-made", "true"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Only managers or camunda-admin may do this.");
    assertThat(call("tech", "POST", "/api/clients/ladrillos-garcia/deactivate", null).statusCode()).isEqualTo(403);
    assertThat(clients.find("tech-made")).isEmpty();
    assertThat(clients.find("ladrillos-garcia").orElseThrow().active()).isTrue();
    assertThat(call("tech", "GET", "/api/clients/nobody-here", null).statusCode()).isEqualTo(404);
  }
}
