package com.rebound.operations;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Not a test: where a JVM's CPU went in a flight recording of the speed benchmark ({@code -Dbenchmark.jfr=true} names the
 * files). Reads the execution samples of every thread and prints the share of samples whose stack holds each kind of work
 * (a sample may be in several: a history write inside a flush); then whose code each sample was in, from its innermost frame
 * of Rebound or Camunda (Rebound's SQL counts as Rebound's, an engine call made by a Rebound listener as Camunda's; a sample
 * in neither is HTTP, JSON, the JDK), with Rebound's share by package. Run with the recording:
 * {@code java -cp target/test-classes com.rebound.operations.FlightBreakdown /tmp/rebound-speed.../speed.jfr [bare.jfr]}.
 */
public final class FlightBreakdown {

  private static final String COMMIT = "H2 commit written to the file";
  private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile("^(com\\.rebound(\\.[a-z][a-z0-9]*)*)\\.");

  /** Kinds of work, each recognised by a frame of its stack. */
  private static final Map<String, Predicate<String>> WORK = new LinkedHashMap<>();

  static {
    WORK.put("JSON (Jackson)", f -> f.startsWith("com.fasterxml.jackson"));
    WORK.put("login check (password hash)", f -> f.contains("PasswordEncryptor") || f.contains("checkPassword")
        || f.contains("ShaHashDigest") || f.contains("Base64EncodedSaltGenerator") || f.contains("Pbkdf2"));
    WORK.put("authorization checks", f -> f.contains("AuthorizationManager") || f.contains("AuthorizationCheck"));
    WORK.put("history writes", f -> f.startsWith("org.camunda.bpm.engine.impl.history"));
    WORK.put("decisions (DMN, FEEL)", f -> f.startsWith("org.camunda.bpm.dmn") || f.startsWith("org.camunda.feel"));
    WORK.put("variables (Spin, serializers)", f -> f.startsWith("org.camunda.spin") || f.contains("VariableInstanceEntity")
        || f.contains("serializer"));
    WORK.put("flush to the database (MyBatis, JDBC)", f -> f.startsWith("org.apache.ibatis") || f.startsWith("com.zaxxer.hikari"));
    WORK.put("H2 (queries and commits)", f -> f.startsWith("org.h2"));
    WORK.put(COMMIT, f -> f.startsWith("org.h2.mvstore.MVStore.store") || f.startsWith("org.h2.mvstore.FileStore")
        || f.startsWith("org.h2.mvstore.RandomAccessStore") || f.startsWith("org.h2.store.fs"));
    WORK.put("PostgreSQL driver", f -> f.startsWith("org.postgresql"));
  }

  private FlightBreakdown() {
  }

  public static void main(String[] args) throws Exception {
    for (String file : args) {
      print(Path.of(file));
    }
  }

  private static void print(Path file) throws Exception {
    Map<String, Integer> work = new LinkedHashMap<>();
    Map<String, Integer> rebound = new java.util.TreeMap<>();
    Map<String, Integer> owners = new java.util.TreeMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      List<String> frames = event.getStackTrace().getFrames().stream().map(FlightBreakdown::name).toList();
      for (Map.Entry<String, Predicate<String>> kind : WORK.entrySet()) {
        if (frames.stream().anyMatch(kind.getValue())) {
          work.merge(kind.getKey(), 1, Integer::sum);
        }
      }
      // frames run from the innermost (the method running) outwards
      String owner = frames.stream().filter(f -> f.startsWith("com.rebound.") || f.startsWith("org.camunda.")).findFirst().orElse("");
      if (frames.stream().anyMatch(WORK.get(COMMIT))) {
        // whoever ends the transaction (the engine's command, or Rebound's case lock around it), the commit is the database's
        owners.merge("the durable commit (H2 writing its file)", 1, Integer::sum);
      } else if (owner.startsWith("com.rebound.")) {
        java.util.regex.Matcher found = PACKAGE.matcher(owner);
        rebound.merge(found.find() ? found.group(1) : owner, 1, Integer::sum);
        owners.merge("Rebound's code", 1, Integer::sum);
      } else {
        owners.merge(owner.isEmpty() ? "neither (HTTP, JSON, the JDK)" : "Camunda (engine, REST, DMN, Spin)", 1, Integer::sum);
      }
    }
    int all = samples;
    System.out.printf("%s: %d execution samples (every thread)%n", file, all);
    for (Map.Entry<String, Integer> kind : work.entrySet()) {
      System.out.printf("  %5.1f %%  %s%n", 100.0 * kind.getValue() / all, kind.getKey());
    }
    System.out.println("  whose code (innermost frame of Rebound or Camunda):");
    owners.forEach((who, count) -> System.out.printf("  %5.1f %%    %s%n", 100.0 * count / all, who));
    if (!rebound.isEmpty()) {
      System.out.println("  Rebound's code by package:");
      rebound.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(e -> System.out.printf("  %5.1f %%      %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
