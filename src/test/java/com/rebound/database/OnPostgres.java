package com.rebound.database;

import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * With {@code -Drebound.test.database=postgres} (the Maven execution {@code postgres-tests}), every
 * Spring Boot test application runs on its own new database of a real PostgreSQL ({@link PostgresServer})
 * instead of H2. Registered in {@code META-INF/spring.factories} of the tests.
 */
public class OnPostgres implements ContextCustomizerFactory {

  public static boolean active() {
    return "postgres".equals(System.getProperty("rebound.test.database"));
  }

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return active() ? new Customizer() : null;
  }

  /** Points the application at a new PostgreSQL database. */
  static final class Customizer implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      PostgresServer server = PostgresServer.shared();
      PostgresServer.closeBeforeStop(context::close);
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rebound-test-postgres", Map.of(
          "spring.datasource.url", server.createDatabase("rebound_test"),
          "spring.datasource.username", PostgresServer.USER,
          "spring.datasource.password", PostgresServer.PASSWORD,
          // should the server be gone first anyway, give up in 3 s (not Hikari's 30)
          "spring.datasource.hikari.connection-timeout", "3000")));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer;
    }

    @Override
    public int hashCode() {
      return Customizer.class.hashCode();
    }
  }
}
