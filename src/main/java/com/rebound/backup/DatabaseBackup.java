package com.rebound.backup;

import com.rebound.settings.ReboundSettings;
import org.springframework.beans.factory.annotation.Autowired;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Online, consistent backups of the embedded H2 database with H2's own {@code BACKUP TO}: every
 * case, task, variable, deployment and Rebound's own tables, while Rebound keeps running. Each
 * backup is written under a temporary name and renamed when complete; the newest {@code keep}
 * are kept. The outcome of the last attempt is remembered for the health check.
 */
@Service
public class DatabaseBackup {

  static final String PREFIX = "rebound-";
  static final String SUFFIX = ".zip";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBackup.class);

  /** One backup file. */
  public record BackupFile(String name, long sizeBytes, Instant createdAt) {
  }

  /** The last attempt: when, and the error if it failed. */
  record Attempt(Instant at, BackupFile file, String error) {
    boolean failed() {
      return error != null;
    }
  }

  private final DataSource dataSource;
  private final Path folder;
  private final int keep;
  private final Clock clock;
  private final AtomicReference<Attempt> last = new AtomicReference<>();

  @Autowired
  DatabaseBackup(DataSource dataSource, ReboundSettings settings, Clock clock) {
    this(dataSource, settings.backup().dir(), settings.backup().keep(), clock);
  }

  DatabaseBackup(DataSource dataSource, Path folder, int keep, Clock clock) {
    this.dataSource = dataSource;
    this.folder = folder;
    this.keep = Math.max(1, keep);
    this.clock = clock;
  }

  /** What Rebound says when its database is not H2: backups are the database's own job. */
  static final String DATABASE_JOB = "Rebound runs on %s: backups are the database's job, not Rebound's. Use pg_dump "
      + "(a consistent dump of a running database) or base backups with WAL archiving (pg_basebackup, point-in-time "
      + "recovery); see docs/operations.md, 'Running Rebound in production'.";

  /** Thrown when asked for a backup of a database that is not Rebound's to back up (PostgreSQL). */
  static class DatabaseJobException extends RuntimeException {
    DatabaseJobException(String product) {
      super(String.format(DATABASE_JOB, product));
    }
  }

  private volatile String product;

  /** The database's product name (H2, PostgreSQL), asked once. */
  String product() {
    if (product == null) {
      try (Connection connection = dataSource.getConnection()) {
        product = connection.getMetaData().getDatabaseProductName();
      } catch (SQLException e) {
        throw new BackupFailedException("cannot reach the database: " + e.getMessage());
      }
    }
    return product;
  }

  /** True when Rebound backs its database up itself (embedded H2); false on PostgreSQL. */
  boolean backsUpItself() {
    return "H2".equals(product());
  }

  /**
   * Takes a backup now; throws {@link BackupFailedException} with the reason when it cannot be written,
   * and {@link DatabaseJobException} when the database is not H2.
   */
  public synchronized BackupFile backup() {
    if (!backsUpItself()) {
      throw new DatabaseJobException(product());
    }
    Instant now = clock.instant();
    try {
      Files.createDirectories(folder);
      Path target = folder.resolve(PREFIX + STAMP.format(now) + SUFFIX);
      Path partial = folder.resolve(target.getFileName() + ".partial");
      try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
        sql.execute("BACKUP TO '" + partial.toAbsolutePath().toString().replace("'", "''") + "'");
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      BackupFile file = new BackupFile(target.getFileName().toString(), Files.size(target), now);
      last.set(new Attempt(now, file, null));
      pruneOldBackups();
      LOG.info("Backup written: {} ({} bytes)", target.toAbsolutePath(), file.sizeBytes());
      return file;
    } catch (IOException | SQLException e) {
      String reason = "backup to " + folder.toAbsolutePath() + " failed: " + e.getMessage();
      last.set(new Attempt(now, null, reason));
      LOG.error("{}", reason);
      throw new BackupFailedException(reason);
    }
  }

  /** The backups in the folder, newest first. */
  public List<BackupFile> list() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(DatabaseBackup::isBackup).map(DatabaseBackup::describe)
          .sorted(Comparator.comparing(BackupFile::name).reversed()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Attempt lastAttempt() {
    return last.get();
  }

  Path folder() {
    return folder;
  }

  private void pruneOldBackups() throws IOException {
    List<BackupFile> all = list();
    for (BackupFile old : all.subList(Math.min(keep, all.size()), all.size())) {
      Files.deleteIfExists(folder.resolve(old.name()));
    }
  }

  private static boolean isBackup(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
  }

  private static BackupFile describe(Path file) {
    try {
      return new BackupFile(file.getFileName().toString(), Files.size(file), Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
