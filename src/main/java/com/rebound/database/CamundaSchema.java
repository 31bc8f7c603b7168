package com.rebound.database;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Creates Camunda's own tables with the DDL that ships in the engine's jar, as Flyway migration 4,
 * so that it runs once, under Flyway's lock, whichever node starts first: two nodes starting at the
 * same moment on an empty PostgreSQL no longer race on the engine's schema creation. On a database
 * that has Camunda's tables already (an H2 file of an earlier Rebound), it does nothing.
 * The engine starts after Flyway ({@link EngineAfterMigrations}) and finds its schema complete.
 */
@Component
class CamundaSchema implements JavaMigration {

  /** The engine's create scripts, in the order the engine itself runs them. */
  private static final List<String> COMPONENTS = List.of(
      "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("4");
  }

  @Override
  public String getDescription() {
    return "camunda 7.24 schema";
  }

  @Override
  public Integer getChecksum() {
    return 724;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    if (tableExists(connection, "ACT_GE_PROPERTY")) {
      return;
    }
    String database = camundaName(connection.getMetaData().getDatabaseProductName());
    for (String component : COMPONENTS) {
      ScriptUtils.executeSqlScript(connection,
          new ClassPathResource("org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component + ".sql"));
    }
  }

  /** Camunda's name for the database, as in its script names. */
  static String camundaName(String productName) {
    String product = productName.toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return "postgres";
    }
    if (product.contains("h2")) {
      return "h2";
    }
    throw new IllegalStateException("Rebound runs on H2 or PostgreSQL, not on " + productName);
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
      try (ResultSet tables = meta.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
