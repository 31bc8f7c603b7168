package com.rebound.backup;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled backup: daily at 02:30 by default ({@code rebound.backup.cron}; "-" turns it off), on
 * one node of the cluster (ShedLock). Only on H2: on PostgreSQL backups are the database's job.
 */
@Component
class BackupSchedule {

  private final DatabaseBackup backup;

  BackupSchedule(DatabaseBackup backup) {
    this.backup = backup;
  }

  @Scheduled(cron = "${rebound.backup.cron:0 30 2 * * *}")
  @SchedulerLock(name = "backup", lockAtMostFor = "PT1H", lockAtLeastFor = "PT1M")
  void backupOnSchedule() {
    if (!backup.backsUpItself()) {
      return;
    }
    try {
      backup.backup();
    } catch (BackupFailedException e) {
      // already logged and remembered: the health check turns DOWN until a backup succeeds
    }
  }
}
