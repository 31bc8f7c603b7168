package com.rebound.database;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The process engine is built after Flyway has migrated the database (Camunda's schema included,
 * see {@link CamundaSchema}): registered in {@code META-INF/spring.factories}.
 */
public class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngine.class);
  }
}
