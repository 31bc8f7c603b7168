package com.rebound.alerts;

import static com.rebound.alerts.Alerts.generic;
import static com.rebound.alerts.Alerts.post;
import static com.rebound.alerts.Alerts.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * While one outage of a client is being handled (its lock held, as a slow case start holds it), an alert of another
 * outage of the same client goes through at once; a second alert of the held outage waits, then finds its case.
 */
@ReboundSpringBootTest
class OutageLockTest {

  @LocalServerPort
  int port;
  @Autowired
  OutageLocks outages;
  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void anotherOutageOfTheSameClientIsNotHeldUp_theSameOutageWaits() throws Exception {
    String token = Alerts.integration(port, "Zabbix " + UUID.randomUUID(), List.of("northwind-logistics"), "client");
    String held = "nas-down-" + UUID.randomUUID();
    String other = "firewall-down-" + UUID.randomUUID();
    CompletableFuture<HttpResponse<String>> sameOutage = new CompletableFuture<>();

    String heldKey = OutageLocks.key("northwind-logistics", "key:" + held);
    outages.create(heldKey, "northwind-logistics", Instant.now());
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      assertThat(outages.lock(heldKey)).isTrue();
      try {
        long started = System.nanoTime();
        HttpResponse<String> otherOutage = post(port, token, "/api/alerts",
            generic("northwind-logistics", other, "firing", "critical", "Firewall does not answer"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(otherOutage.statusCode()).as(otherOutage.body()).isEqualTo(200);
        assertThat(read(otherOutage).get("decisions").get("opened").asInt()).isEqualTo(1);
        assertThat(millis).as("another outage is not held up (H2's lock timeout is 10 s)").isLessThan(5_000);

        CompletableFuture.runAsync(() -> {
          try {
            sameOutage.complete(post(port, token, "/api/alerts",
                generic("northwind-logistics", held, "firing", "critical", "NAS does not answer")));
          } catch (Exception e) {
            sameOutage.completeExceptionally(e);
          }
        });
        Thread.sleep(1_500);
        assertThat(sameOutage).as("the held outage's alert waits for its lock").isNotDone();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    HttpResponse<String> after = sameOutage.get(10, TimeUnit.SECONDS);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(read(after).get("decisions").get("opened").asInt()).as("then handled as usual").isEqualTo(1);
  }
}
