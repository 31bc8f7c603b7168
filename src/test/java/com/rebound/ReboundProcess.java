package com.rebound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Rebound's packaged jar running as a separate JVM in a working folder of its own (its ./data); or, for the
 * speed benchmark, another Spring Boot main class on a classpath of the caller's ({@link #ofMainClass}).
 */
public final class ReboundProcess {

  public static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

  private final Path folder;
  private final int port;
  private final List<String> launcher;
  private final List<String> extraArguments;
  private Process process;
  private int starts;

  /** The jar with the quick compiler only: a test's Rebound lives for seconds or minutes, and starts in less CPU time. */
  public ReboundProcess(Path folder, String... extraArguments) {
    this(folder, List.of(QUICK_COMPILER, "-jar", jar().toString()), extraArguments);
  }

  private ReboundProcess(Path folder, List<String> launcher, String... extraArguments) {
    this.folder = folder;
    this.port = freePort();
    this.launcher = launcher;
    this.extraArguments = List.of(extraArguments);
  }

  /** The packaged jar with JVM options before it (e.g. a flight recording). */
  public static ReboundProcess ofJar(Path folder, List<String> jvmOptions, String... arguments) {
    List<String> launcher = new ArrayList<>(jvmOptions);
    launcher.addAll(List.of("-jar", jar().toString()));
    return new ReboundProcess(folder, launcher, arguments);
  }

  /** A main class on {@code classpath}, with JVM options before it (e.g. a flight recording). */
  public static ReboundProcess ofMainClass(Path folder, List<String> jvmOptions, String classpath, String mainClass, String... arguments) {
    List<String> launcher = new ArrayList<>(jvmOptions);
    launcher.addAll(List.of("-cp", classpath, mainClass));
    return new ReboundProcess(folder, launcher, arguments);
  }

  public int port() {
    return port;
  }

  /** The CPU time this JVM has used so far (all its threads), as the operating system counts it. */
  public Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  public Path folder() {
    return folder;
  }

  public static Path jar() {
    String jar = System.getProperty("rebound.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property rebound.jar must name the packaged jar (run with ./mvnw verify), got " + jar);
    }
    return Path.of(jar).toAbsolutePath();
  }

  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Starts the jar and waits until /actuator/health answers UP. */
  public void start() throws Exception {
    launch();
    awaitHealthy();
  }

  /** Starts the jar and returns at once. */
  public void launch() throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
    command.addAll(launcher);
    command.addAll(List.of("--server.port=" + port, "--rebound.backup.cron=-"));
    command.addAll(extraArguments);
    Path log = folder.resolve("rebound-" + (++starts) + ".log");
    process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Process started = process;
    // a failed test must not leave Rebound running after the test JVM ends
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
  }

  /** Waits until /actuator/health answers UP. */
  public void awaitHealthy() throws Exception {
    Path log = folder.resolve("rebound-" + starts + ".log");
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Rebound exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Rebound did not become healthy within 120 s; see " + log);
  }

  /** SIGKILL: the JVM dies at once, with no chance to flush or finish anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for the exit; returns the exit code, or throws when the stop takes longer than {@code limit}. */
  public int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Rebound did not stop within " + limit + " after SIGTERM");
    }
    return process.exitValue();
  }

  /** Waits for the JVM to end by itself; its exit code. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Rebound did not exit within " + limit);
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public String log(int start) {
    try {
      return Files.readString(folder.resolve("rebound-" + start + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
