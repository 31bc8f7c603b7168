package com.rebound.backup;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} turns DOWN while the last backup attempt failed. */
@Component("backup")
class BackupHealth implements HealthIndicator {

  private final DatabaseBackup backup;

  BackupHealth(DatabaseBackup backup) {
    this.backup = backup;
  }

  @Override
  public Health health() {
    if (!backup.backsUpItself()) {
      return Health.up().withDetail("backups", String.format(DatabaseBackup.DATABASE_JOB, backup.product())).build();
    }
    DatabaseBackup.Attempt last = backup.lastAttempt();
    if (last == null) {
      return Health.up().withDetail("lastBackup", "none since start-up").withDetail("folder", backup.folder().toString()).build();
    }
    if (last.failed()) {
      return Health.down().withDetail("lastAttempt", last.at().toString()).withDetail("error", last.error()).build();
    }
    return Health.up().withDetail("lastBackup", last.file().name()).withDetail("at", last.at().toString()).build();
  }
}
