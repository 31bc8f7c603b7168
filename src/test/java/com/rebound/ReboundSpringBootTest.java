package com.rebound;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole of Rebound on a random port with a fresh in-memory database and the demo accounts;
 * every test class with this annotation shares one running application.
 */
@Target(ElementType.TYPE)
// a whole-application test: left out of the fast command (./mvnw -B test -Pfast)
@Tag("application")
// the meters are exported as in production (Spring Boot's tests leave them out by default): /actuator/prometheus exists
@AutoConfigureObservability(tracing = false)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:rebound-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "rebound.demo-users=true", "rebound.meters.refresh=PT1S",
        // the tests stand for clients behind a proxy on this machine, which forwards their addresses
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"})
public @interface ReboundSpringBootTest {
}
