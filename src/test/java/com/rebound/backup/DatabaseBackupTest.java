package com.rebound.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;

/** Backups are kept to the newest N, and a backup that cannot be written turns health DOWN, loudly. */
class DatabaseBackupTest {

  @TempDir
  Path folder;

  private static JdbcDataSource database(Path folder) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + folder.resolve("db").resolve("rebound"));
    h2.setUser("sa");
    return h2;
  }

  @Test
  void keepsOnlyTheNewestBackups() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-28T02:30:00Z"), ZoneOffset.UTC);
    DatabaseBackup backup = new DatabaseBackup(database(folder), folder.resolve("backups"), 2, clock);
    for (int i = 0; i < 3; i++) {
      backup = new DatabaseBackup(database(folder), folder.resolve("backups"), 2, Clock.offset(clock, java.time.Duration.ofDays(i)));
      DatabaseBackup.BackupFile file = backup.backup();
      assertThat(file.sizeBytes()).isPositive();
    }
    assertThat(backup.list()).extracting(DatabaseBackup.BackupFile::name)
        .containsExactly("rebound-20261130-023000-000.zip", "rebound-20261129-023000-000.zip");
    assertThat(new BackupHealth(backup).health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void aBackupThatCannotBeWrittenIsAnErrorAndHealthTurnsDown() throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("backups"), "a file where the backup folder should be");
    DatabaseBackup backup = new DatabaseBackup(database(folder), notAFolder, 14, Clock.systemUTC());

    assertThatThrownBy(backup::backup).isInstanceOf(BackupFailedException.class)
        .hasMessageContaining("backup to " + notAFolder.toAbsolutePath() + " failed");
    assertThat(new BackupHealth(backup).health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(new BackupHealth(backup).health().getDetails().get("error").toString()).contains("failed");
    assertThat(Files.readString(notAFolder)).isEqualTo("a file where the backup folder should be");
  }
}
