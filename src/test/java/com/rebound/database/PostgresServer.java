package com.rebound.database;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} package (installed by
 * {@code .ci/run}), a fresh cluster in a temporary folder on a free port, with password login for
 * {@code rebound}. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres}
 * user. Stopped and removed when the JVM exits; {@link #stop()}/{@link #start()} take it away and
 * bring it back (the data stays).
 */
public final class PostgresServer {

  public static final String USER = "rebound";
  public static final String PASSWORD = "rebound-test-password";
  private static PostgresServer shared;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final List<AutoCloseable> USERS = new CopyOnWriteArrayList<>();

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** One server for the whole test JVM, started at first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = startNew();
    }
    return shared;
  }

  /**
   * Closed (if still open) before the server stops at the JVM's exit: the JVM runs its shutdown hooks together, and a
   * test application whose database went first waits out its pool's and job executor's time-outs (about 10 s each).
   */
  public static void closeBeforeStop(AutoCloseable user) {
    USERS.add(user);
  }

  /** A new server of its own (stopped and removed at JVM exit). */
  public static PostgresServer startNew() {
    try {
      Path bin = binaries();
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("rebound-pg-");
      Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
      if (root) {
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
      server.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
          "--pwfile=" + dir.resolve("pwfile"), "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
          "--locale=C.UTF-8"));
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot set up PostgreSQL: " + e.getMessage(), e);
    }
  }

  public void start() {
    pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=300"
        // the speed benchmark counts statements with it; loaded, it costs nothing until a database creates the extension
        + " -c shared_preload_libraries=pg_stat_statements", "start"));
  }

  /** Stops the server at once (fast shutdown: connections are cut). */
  public void stop() {
    pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "fast", "stop"));
  }

  public int port() {
    return port;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A new empty database; its JDBC URL. */
  public String createDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return url(name);
  }

  private void destroy() {
    for (AutoCloseable user : USERS) {
      try {
        user.close(); // waits while Spring's own hook closes it; nothing when it is closed already
      } catch (Exception ignored) {
        // the server stops anyway
      }
    }
    try {
      pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
    } catch (RuntimeException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a temporary folder
    }
  }

  private void pg(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(Arrays.asList("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, true);
  }

  private static void run(List<String> command, boolean quiet) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
            .orElse(null);
        if (found != null) {
          return found;
        }
      }
    }
    throw new IllegalStateException("PostgreSQL is not installed: the PostgreSQL tests need Debian's postgresql package "
        + "(apt-get install postgresql; .ci/run installs it)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
