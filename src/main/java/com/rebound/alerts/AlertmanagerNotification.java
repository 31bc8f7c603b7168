package com.rebound.alerts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Prometheus Alertmanager's webhook payload, version 4, as Alertmanager sends it. */
record AlertmanagerNotification(String version, String groupKey, Integer truncatedAlerts, String status, String receiver,
    Map<String, String> groupLabels, Map<String, String> commonLabels, Map<String, String> commonAnnotations, String externalURL,
    List<Alert> alerts) {

  /** One alert of the notification; a firing alert's {@code endsAt} is Alertmanager's zero time (year 1). */
  record Alert(String status, Map<String, String> labels, Map<String, String> annotations, OffsetDateTime startsAt,
      OffsetDateTime endsAt, String generatorURL, String fingerprint) {
  }
}
