package com.rebound.alerts;

import java.time.Instant;
import java.util.List;

/**
 * A monitor allowed to report disasters (Alertmanager, Zabbix, an RMM agent): for which clients, and which label of
 * an alert names the client. Its token is shown once when created; Rebound keeps only a hash.
 */
record Integration(String id, String name, boolean allClients, List<String> clients, String clientLabel, String tokenHint,
    String createdBy, Instant createdAt, String revokedBy, Instant revokedAt, Instant lastUsedAt) {

  /** The request attribute under which {@link IntegrationTokenFilter} leaves the authenticated integration. */
  static final String ATTRIBUTE = Integration.class.getName();

  boolean mayReportFor(String clientId) {
    return allClients || clients.contains(clientId);
  }

  /** The one client of an integration made for one client: its alerts need not name it. */
  String onlyClient() {
    return !allClients && clients.size() == 1 ? clients.get(0) : null;
  }

  boolean revoked() {
    return revokedAt != null;
  }
}
