package bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;

/**
 * For the speed benchmark only: a bare Camunda 7.24 Spring Boot application, the engine, its REST API and
 * webapps from the same starters and versions as Rebound, and nothing of Rebound (no class of it, none of its
 * configuration; started on a classpath without Rebound's own classes). It deploys {@code bare/bare-procedure.bpmn},
 * the procedure's shape without Rebound around it. Flyway and Spring Session, which Rebound's classpath brings,
 * are switched off: a bare starter has neither. Configured by the benchmark's command-line arguments.
 */
@SpringBootApplication(exclude = {FlywayAutoConfiguration.class, SessionAutoConfiguration.class})
public class BareCamundaApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareCamundaApplication.class, args);
  }
}
