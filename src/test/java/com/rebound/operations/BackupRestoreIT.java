package com.rebound.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundProcess;
import com.rebound.CaseLoad;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.EngineRestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Online backup while cases are being worked, then the data folder is deleted and a backup is put
 * back with the documented restore command: Rebound starts with the same cases, tasks, variables
 * and process versions, and a case can be finished. Logs stay in {@code target/it/backup-<time>/}.
 */
class BackupRestoreIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void backupWhileWorking_deleteData_restore_sameCasesAndWorkGoesOn() throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "it", "backup-" + System.currentTimeMillis()));
    ReboundProcess rebound = new ReboundProcess(folder, "--rebound.demo-users=true");
    rebound.start();
    EngineRestClient rest = new EngineRestClient(rebound.port(), "admin");

    assertThat(backupAs(rebound, null).statusCode()).as("anonymous").isEqualTo(401);
    assertThat(backupAs(rebound, "tech").statusCode()).as("technician").isEqualTo(403);

    // 1. an online backup while four clients work cases
    CaseLoad load = new CaseLoad();
    load.start(rebound.port(), 4);
    Thread.sleep(4_000);
    Set<String> acknowledgedBeforeOnlineBackup = new HashSet<>(load.acknowledgedCases);
    HttpResponse<String> online = backupAs(rebound, "admin");
    Thread.sleep(1_000);
    load.stop();
    assertThat(online.statusCode()).as(online.body()).isEqualTo(201);
    String onlineBackup = JSON.readTree(online.body()).get("name").asText();

    // 2. a quiet backup, and what it must bring back
    Map<String, String> quietState = state(rest);
    HttpResponse<String> quiet = backupAs(rebound, "admin");
    assertThat(quiet.statusCode()).isEqualTo(201);
    String quietBackup = JSON.readTree(quiet.body()).get("name").asText();
    assertThat(listBackups(rebound)).contains(onlineBackup, quietBackup);

    // a restore while Rebound runs is refused and changes nothing
    assertThat(restore(folder, quietBackup)).as("restore while running").isEqualTo(2);
    assertThat(lastRestoreOutput(folder)).as("the refusal is one clear line").singleElement().asString()
        .startsWith("Restore refused: ").contains("in use");
    assertThat(state(rest)).isEqualTo(quietState);

    // 3. work after the backup, then the disaster: Rebound dies and ./data is gone
    CaseLoad.finishAllCases(rest);
    rebound.kill();
    deleteRecursively(folder.resolve("data"));

    // 4. restore the quiet backup: the same state as when it was taken, and the work goes on
    assertThat(restore(folder, quietBackup)).isZero();
    rebound.start();
    assertThat(state(rest)).isEqualTo(quietState);
    CaseLoad.finishAllCases(rest);
    assertThat(rest.get("/history/process-instance?maxResults=10&processDefinitionKey=disasterRecovery&unfinished=true").body()).isEmpty();

    // 5. restore the backup taken under load: consistent, and holds every case acknowledged before it was asked for
    rebound.kill();
    assertThat(restore(folder, onlineBackup)).isZero();
    rebound.start();
    assertThat(CaseLoad.casesInHistory(rest)).containsAll(acknowledgedBeforeOnlineBackup);
    for (JsonNode running : CaseLoad.all(rest, "/history/process-instance?processDefinitionKey=disasterRecovery&unfinished=true")) {
      assertThat(rest.get("/task?maxResults=10&processInstanceId=" + running.get("id").asText()).body())
          .as("open case %s has its step", running.get("businessKey").asText()).isNotEmpty();
    }
    CaseLoad.finishAllCases(rest);
    assertThat(rest.get("/history/process-instance?maxResults=10&processDefinitionKey=disasterRecovery&unfinished=true").body()).isEmpty();
    System.out.printf("Backup/restore: online backup %s held %d cases acknowledged before it; quiet backup %s restored %d cases exactly%n",
        onlineBackup, acknowledgedBeforeOnlineBackup.size(), quietBackup, quietState.size() - 3);
    rebound.terminate(Duration.ofSeconds(45));
  }

  /** Every case with its state and open steps, plus counts of variables, deployments and process versions. */
  private static Map<String, String> state(EngineRestClient rest) {
    Map<String, String> state = new TreeMap<>();
    Map<String, List<String>> openSteps = new TreeMap<>();
    for (JsonNode task : CaseLoad.all(rest, "/task")) {
      openSteps.computeIfAbsent(task.get("processInstanceId").asText(), k -> new ArrayList<>())
          .add(task.get("taskDefinitionKey").asText());
    }
    for (JsonNode c : CaseLoad.all(rest, "/history/process-instance?processDefinitionKey=disasterRecovery")) {
      state.put(c.get("businessKey").asText(), c.get("state").asText() + " " + openSteps.getOrDefault(c.get("id").asText(), List.of()));
    }
    state.put("#variables", rest.get("/variable-instance/count").body().get("count").asText());
    state.put("#deployments", rest.get("/deployment/count").body().get("count").asText());
    state.put("#process versions", rest.get("/process-definition/count?key=disasterRecovery").body().get("count").asText());
    return state;
  }

  private HttpResponse<String> backupAs(ReboundProcess rebound, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rebound.baseUrl() + "/api/admin/backups"))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> listBackups(ReboundProcess rebound) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rebound.baseUrl() + "/api/admin/backups"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    List<String> names = new ArrayList<>();
    JSON.readTree(response.body()).forEach(b -> names.add(b.get("name").asText()));
    return names;
  }

  /** The restore command of docs/operations.md, run in Rebound's folder; returns its exit code. */
  private static int restore(Path folder, String backup) throws Exception {
    Process restore = new ProcessBuilder(ReboundProcess.java(), ReboundProcess.QUICK_COMPILER, "-jar", ReboundProcess.jar().toString(),
        "--restore=backups/" + backup).directory(folder.toFile()).redirectErrorStream(true)
        .redirectOutput(folder.resolve("restore-" + System.nanoTime() + ".log").toFile()).start();
    assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return restore.exitValue();
  }

  /** What the last restore printed, line by line. */
  private static List<String> lastRestoreOutput(Path folder) throws Exception {
    try (Stream<Path> logs = Files.list(folder)) {
      Path last = logs.filter(f -> f.getFileName().toString().startsWith("restore-")).max(Comparator.naturalOrder()).orElseThrow();
      return Files.readAllLines(last).stream().filter(line -> !line.isBlank()).toList();
    }
  }

  private static void deleteRecursively(Path path) throws Exception {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
