package com.rebound.alerts;

import com.rebound.web.ApiProblem;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the two formats into {@link ReceivedAlert}s, refusing bad ones field by field (nothing is kept from a refused request). */
final class AlertReading {

  static final int MAX_ALERTS = 1000;
  private static final Instant EARLIEST = Instant.parse("1971-01-01T00:00:00Z");

  private AlertReading() {
  }

  static List<ReceivedAlert> generic(GenericAlert alert, Integration integration) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    if (alert == null) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("", "send one alert as a JSON object")));
    }
    text(problems, "key", alert.key(), 200, true);
    text(problems, "client", alert.client(), 200, false);
    text(problems, "source", alert.source(), 100, false);
    text(problems, "severity", alert.severity(), 40, false);
    String status = alert.status() == null ? "firing" : alert.status();
    if (!status.equals("firing") && !status.equals("resolved")) {
      problems.add(new ApiProblem.FieldProblem("status", "must be firing or resolved"));
    }
    text(problems, "summary", alert.summary(), 2000, status.equals("firing"));
    link(problems, "link", alert.link());
    if (alert.systems() != null) {
      if (alert.systems().size() > 50) {
        problems.add(new ApiProblem.FieldProblem("systems", "at most 50 systems"));
      }
      for (int i = 0; i < alert.systems().size() && i < 50; i++) {
        text(problems, "systems[" + i + "]", alert.systems().get(i), 200, true);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    return List.of(new ReceivedAlert("generic", alert.source() == null ? integration.name() : alert.source(), alert.client(),
        alert.key(), null, status.equals("firing"), null, alert.severity(), alert.summary(),
        alert.systems() == null ? List.of() : alert.systems(), time(alert.startedAt()), null, alert.link()));
  }

  static List<ReceivedAlert> alertmanager(AlertmanagerNotification notification, Integration integration) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    if (notification == null) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("", "send Alertmanager's webhook payload (version 4)")));
    }
    if (!"4".equals(notification.version())) {
      problems.add(new ApiProblem.FieldProblem("version", "must be \"4\" (Alertmanager's webhook payload version)"));
    }
    text(problems, "groupKey", notification.groupKey(), 10_000, true);
    if (notification.alerts() == null || notification.alerts().isEmpty()) {
      problems.add(new ApiProblem.FieldProblem("alerts", "must list at least one alert"));
    } else if (notification.alerts().size() > MAX_ALERTS) {
      problems.add(new ApiProblem.FieldProblem("alerts", "at most " + MAX_ALERTS + " alerts in one notification (max_alerts)"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    Map<String, String> commonLabels = notification.commonLabels() == null ? Map.of() : notification.commonLabels();
    Map<String, String> commonAnnotations = notification.commonAnnotations() == null ? Map.of() : notification.commonAnnotations();
    List<ReceivedAlert> alerts = new ArrayList<>();
    for (int i = 0; i < notification.alerts().size(); i++) {
      AlertmanagerNotification.Alert alert = notification.alerts().get(i);
      String at = "alerts[" + i + "]";
      if (alert == null) {
        problems.add(new ApiProblem.FieldProblem(at, "must be an alert object"));
        continue;
      }
      if (!"firing".equals(alert.status()) && !"resolved".equals(alert.status())) {
        problems.add(new ApiProblem.FieldProblem(at + ".status", "must be firing or resolved"));
      }
      text(problems, at + ".fingerprint", alert.fingerprint(), 200, true);
      if (alert.labels() == null || alert.labels().isEmpty()) {
        problems.add(new ApiProblem.FieldProblem(at + ".labels", "must have the alert's labels"));
      }
      if (!problems.isEmpty()) {
        continue;
      }
      Map<String, String> labels = alert.labels();
      Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
      String name = labels.get("alertname");
      String summary = first(annotations.get("summary"), annotations.get("description"), commonAnnotations.get("summary"),
          (name == null ? "Alert" : name) + (labels.get("instance") == null ? "" : " on " + labels.get("instance")));
      String system = first(labels.get("system"), labels.get("instance"), labels.get("job"), null);
      alerts.add(new ReceivedAlert("alertmanager", "alertmanager", first(labels.get(integration.clientLabel()),
          commonLabels.get(integration.clientLabel()), null, null), alert.fingerprint(), notification.groupKey(),
          "firing".equals(alert.status()), cut(name, 200), cut(labels.get("severity"), 40), cut(summary, 2000),
          system == null ? List.of() : List.of(cut(system, 200)), time(alert.startsAt()), time(alert.endsAt()),
          webLink(alert.generatorURL())));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    return alerts;
  }

  private static void text(List<ApiProblem.FieldProblem> problems, String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(new ApiProblem.FieldProblem(field, "is required"));
      }
    } else if (value.length() > max) {
      problems.add(new ApiProblem.FieldProblem(field, "at most " + max + " characters"));
    } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
      problems.add(new ApiProblem.FieldProblem(field, "may not contain control characters"));
    }
  }

  private static void link(List<ApiProblem.FieldProblem> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      URI uri = new URI(value);
      if (value.length() > 1000 || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        problems.add(new ApiProblem.FieldProblem(field, "must be an http(s) address of at most 1000 characters"));
      }
    } catch (java.net.URISyntaxException e) {
      problems.add(new ApiProblem.FieldProblem(field, "is not a valid address"));
    }
  }

  /** Alertmanager's generator link when it is a usable http(s) address (a monitor's odd link never refuses its alert). */
  private static String webLink(String value) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    link(problems, "", value);
    return value == null || value.isBlank() || !problems.isEmpty() ? null : value;
  }

  private static String first(String a, String b, String c, String d) {
    for (String value : new String[] {a, b, c, d}) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** Alertmanager's zero time (a firing alert's endsAt) and other impossible times mean "not given". */
  private static Instant time(OffsetDateTime value) {
    return value == null || value.toInstant().isBefore(EARLIEST) ? null : value.toInstant();
  }
}
