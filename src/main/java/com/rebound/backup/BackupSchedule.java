package com.rebound.backup;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled backup: daily at 02:30 by default ({@code rebound.backup.cron}; "-" turns it off). */
@Component
class BackupSchedule {

  private final DatabaseBackup backup;

  BackupSchedule(DatabaseBackup backup) {
    this.backup = backup;
  }

  @Scheduled(cron = "${rebound.backup.cron:0 30 2 * * *}")
  void backupOnSchedule() {
    try {
      backup.backup();
    } catch (BackupFailedException e) {
      // already logged and remembered: the health check turns DOWN until a backup succeeds
    }
  }
}
