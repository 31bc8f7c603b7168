package com.rebound.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code --restore=<backup.zip>} (with Rebound stopped): puts a backup in place of the data folder
 * ({@code ./data} or {@code --restore-data-dir=...}). The current folder is kept beside it as
 * {@code data.before-restore-<time>}. Refuses while Rebound still has the database open.
 */
public final class RestoreCommand {

  private static final String DATABASE_FILE = "rebound.mv.db";

  private RestoreCommand() {
  }

  /** Runs the restore when the arguments ask for it; returns false when they do not. */
  public static boolean runIfAsked(String[] args) {
    String backup = argument(args, "--restore=");
    if (backup == null) {
      return false;
    }
    String dataDir = argument(args, "--restore-data-dir=");
    try {
      Path restored = restore(Path.of(backup), Path.of(dataDir == null ? "data" : dataDir));
      System.out.println("Restored " + backup + " into " + restored.toAbsolutePath() + ". Start Rebound as usual.");
    } catch (RestoreRefusedException e) {
      System.err.println("Restore refused: " + e.getMessage());
      System.exit(2);
    }
    return true;
  }

  static Path restore(Path backup, Path dataDir) {
    if (!Files.isRegularFile(backup)) {
      throw new RestoreRefusedException("no backup file " + backup.toAbsolutePath());
    }
    Path absoluteData = dataDir.toAbsolutePath();
    if (Files.exists(absoluteData.resolve(DATABASE_FILE))) {
      ensureNotInUse(absoluteData);
    }
    Path staging = absoluteData.resolveSibling(absoluteData.getFileName() + ".restoring");
    try {
      deleteRecursively(staging);
      Files.createDirectories(staging);
      boolean hasDatabase = unzip(backup, staging);
      if (!hasDatabase) {
        deleteRecursively(staging);
        throw new RestoreRefusedException(backup + " holds no " + DATABASE_FILE + ": not a Rebound backup");
      }
      if (Files.exists(absoluteData)) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.move(absoluteData, absoluteData.resolveSibling(absoluteData.getFileName() + ".before-restore-" + stamp));
      }
      Files.move(staging, absoluteData, StandardCopyOption.ATOMIC_MOVE);
      return absoluteData;
    } catch (IOException e) {
      throw new RestoreRefusedException("could not restore " + backup + ": " + e.getMessage());
    }
  }

  /** H2 refuses a second open of a file database that a running Rebound holds. */
  private static void ensureNotInUse(Path dataDir) {
    String url = "jdbc:h2:file:" + dataDir.resolve("rebound") + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
    try (Connection ignored = DriverManager.getConnection(url, "sa", "")) {
      // opened and closed again: nobody else holds it
    } catch (SQLException e) {
      throw new RestoreRefusedException("the database in " + dataDir + " is in use (" + e.getMessage().lines().findFirst().orElse("")
          + "). Stop Rebound first.");
    }
  }

  private static boolean unzip(Path zip, Path target) throws IOException {
    boolean hasDatabase = false;
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        Path file = target.resolve(entry.getName()).normalize();
        if (!file.startsWith(target)) {
          throw new RestoreRefusedException("unsafe entry " + entry.getName() + " in " + zip);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(file);
        } else {
          Files.createDirectories(file.getParent());
          Files.copy(entries, file, StandardCopyOption.REPLACE_EXISTING);
          hasDatabase |= file.getFileName().toString().equals(DATABASE_FILE);
        }
      }
    }
    return hasDatabase;
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var walk = Files.walk(folder)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String argument(String[] args, String prefix) {
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    return null;
  }

  /** The restore did not happen; the message says why. */
  static class RestoreRefusedException extends RuntimeException {
    RestoreRefusedException(String message) {
      super(message);
    }
  }
}
