package com.rebound.alerts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The generic alert ({@code POST /api/alerts}) any monitor can be pointed at. {@code key} de-duplicates: the alerts
 * of one outage share it; {@code status} is firing (default) or resolved.
 */
record GenericAlert(String client, String source, String key, String status, String summary, List<String> systems,
    String severity, OffsetDateTime startedAt, String link) {
}
