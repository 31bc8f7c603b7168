package com.rebound.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One alert as Rebound handles it, whatever the monitor's format: which client it names (the label's value), its
 * de-duplication key (Alertmanager's fingerprint, or the generic {@code key}) and group (Alertmanager's group key).
 */
record ReceivedAlert(String format, String source, String clientValue, String key, String groupKey, boolean firing, String name,
    String severity, String summary, List<String> systems, Instant startsAt, Instant endsAt, String link) {
}
