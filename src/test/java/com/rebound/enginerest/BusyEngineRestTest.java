package com.rebound.enginerest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

/**
 * A case start that waited for a lock longer than the database's lock timeout was rolled back: /engine-rest says 503
 * with Retry-After (nothing was done; send it again), not Camunda's 500 with the driver's message.
 */
class BusyEngineRestTest {

  @Test
  void aLockTimeoutIsA503WithRetryAfter_andAnotherFailureIsLeftToCamunda() {
    ProcessEngineException timedOut = new ProcessEngineException("ENGINE-16004", new QueryTimeoutException("INSERT INTO rebound_case",
        new SQLException("Timeout trying to lock table {0}", "HYT00", 50200)));
    Response answer = EngineRestErrors.databaseAway(timedOut);
    assertThat(answer.getStatus()).isEqualTo(503);
    assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(((Map<?, ?>) answer.getEntity()).get("message").toString()).contains("very busy", "Nothing of it was kept");

    assertThat(EngineRestErrors.databaseAway(new ProcessEngineException("a bug", new IllegalStateException("x")))).isNull();
  }
}
