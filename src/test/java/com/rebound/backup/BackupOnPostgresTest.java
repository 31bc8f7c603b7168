package com.rebound.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ApiCalls;
import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.web.server.LocalServerPort;

/** On PostgreSQL, Rebound does not pretend to back the database up: its API and health say whose job it is. */
@ReboundSpringBootTest
@EnabledIfSystemProperty(named = "rebound.test.database", matches = "postgres")
class BackupOnPostgresTest {

  @LocalServerPort
  int port;

  @Test
  void theBackupApiSaysBackupsAreTheDatabasesJob() throws Exception {
    HttpResponse<String> backup = ApiCalls.call(port, "admin", "POST", "/api/admin/backups", null);
    assertThat(backup.statusCode()).isEqualTo(409);
    assertThat(backup.body()).contains("PostgreSQL", "pg_dump", "WAL archiving", "Running Rebound in production");
    assertThat(ApiCalls.call(port, "admin", "GET", "/api/admin/backups", null).statusCode()).isEqualTo(409);

    HttpResponse<String> health = ApiCalls.call(port, "admin", "GET", "/actuator/health", null);
    assertThat(health.statusCode()).as("no backup of Rebound's own is no failure").isEqualTo(200);
    assertThat(health.body()).contains("\"backup\"", "backups are the database's job");
  }
}
