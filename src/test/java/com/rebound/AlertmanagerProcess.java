package com.rebound;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Debian's {@code prometheus-alertmanager} (installed by {@code .ci/run}) started on a free port with one route: every
 * alert, grouped by client and alert name, to Rebound's webhook with an integration token, resolved ones too. Its
 * configuration and log are in the folder given.
 */
public final class AlertmanagerProcess implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  private final Process process;
  /** Alertmanager's own address, for its API ({@code /api/v2/alerts}) and metrics. */
  public final String url;

  private AlertmanagerProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts it and waits until it is ready; {@code groupInterval} as Alertmanager writes it ("1s", "5s"). */
  public static AlertmanagerProcess start(Path folder, String reboundUrl, String token, String groupInterval) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = Files.createDirectories(folder).resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: rebound
          group_by: ['client', 'alertname']
          group_wait: 1s
          group_interval: %s
          repeat_interval: 1h
        receivers:
          - name: rebound
            webhook_configs:
              - url: %s/api/alerts/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: %s
        """.formatted(groupInterval, reboundUrl, token));
    Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config.toAbsolutePath(),
        "--storage.path=" + folder.resolve("alertmanager-data").toAbsolutePath(), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=").redirectErrorStream(true).redirectOutput(folder.resolve("alertmanager.log").toFile()).start();
    AlertmanagerProcess started = new AlertmanagerProcess(process, "http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    // not listening yet: an IOException is asked again
    Awaitility.await("Alertmanager ready (see " + folder.resolve("alertmanager.log") + ")").atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(IOException.class).until(() -> http.send(HttpRequest.newBuilder(URI.create(started.url + "/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    return started;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
