package com.rebound.casebook;

import com.rebound.settings.ReboundSettings;
import com.rebound.clocks.RtoRule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebound's meters for Prometheus ({@code /actuator/prometheus}): open cases by severity, open cases past
 * their RTO deadline or warned, the outbox pending and failed, the oldest unclaimed step of a high-severity
 * case, and the engine's incidents and failed jobs. They are counted in the database (every node reports
 * the same numbers), at most once per {@code rebound.meters.refresh} however often they are scraped.
 */
@Component
class CaseMeters {

  private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4", "none");
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration refresh;
  private final List<String> highSeverities;
  private volatile Map<String, Double> last = Map.of();
  private volatile Instant readAt = Instant.EPOCH;

  CaseMeters(JdbcTemplate jdbc, Clock clock, MeterRegistry registry, ReboundSettings settings) {
    Duration refresh = settings.meters().refresh();
    String highSeverities = settings.mail().queueAlertSeverities();
    this.jdbc = jdbc;
    this.clock = clock;
    this.refresh = refresh;
    this.highSeverities = List.of(highSeverities.split("\\s*,\\s*"));
    for (String severity : SEVERITIES) {
      gauge(registry, "rebound.cases.open", "Open cases", m -> m.value("open." + severity), "severity", severity);
    }
    gauge(registry, "rebound.cases.rto.breached", "Open cases past their RTO deadline", m -> m.value("breached"));
    gauge(registry, "rebound.cases.rto.warned", "Open cases warned of their RTO (share passed) and not yet breached",
        m -> m.value("warned"));
    gauge(registry, "rebound.outbox.messages", "Messages waiting to be sent", m -> m.value("outbox.PENDING"), "status", "pending");
    gauge(registry, "rebound.outbox.messages", "Messages that could not be sent", m -> m.value("outbox.FAILED"), "status", "failed");
    gauge(registry, "rebound.steps.unclaimed.oldest.seconds",
        "Age of the oldest unclaimed step of a high-severity or not yet assessed case (0 when none)", m -> m.value("unclaimed"));
    gauge(registry, "rebound.camunda.incidents.open", "Open incidents of the engine (a job out of retries, a failed step)",
        m -> m.value("incidents"));
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<CaseMeters> value, String... tags) {
    Gauge.builder(name, this, value).description(description).tags(tags).register(registry);
  }

  private double value(String key) {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(refresh) >= 0) {
      synchronized (this) {
        if (Duration.between(readAt, now).compareTo(refresh) >= 0) {
          last = read();
          readAt = now;
        }
      }
    }
    return last.getOrDefault(key, 0.0);
  }

  private Map<String, Double> read() {
    Map<String, Double> values = new HashMap<>();
    Timestamp engineNow = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    jdbc.query("SELECT COALESCE(severity, 'none'), COUNT(*), "
        + "SUM(CASE WHEN " + RtoRule.sql("breached") + " THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN rto_warning_at IS NOT NULL AND NOT (" + RtoRule.sql("breached") + ") THEN 1 ELSE 0 END) "
        + "FROM rebound_case WHERE state = 'open' GROUP BY COALESCE(severity, 'none')", rs -> {
          values.put("open." + rs.getString(1), rs.getDouble(2));
          values.merge("breached", rs.getDouble(3), Double::sum);
          values.merge("warned", rs.getDouble(4), Double::sum);
        }, engineNow, engineNow);
    jdbc.query("SELECT status, COUNT(*) FROM rebound_outbox WHERE status IN ('PENDING', 'FAILED') GROUP BY status",
        rs -> {
          values.put("outbox." + rs.getString(1), rs.getDouble(2));
        });
    String marks = String.join(",", highSeverities.stream().map(s -> "?").toList());
    Timestamp oldest = jdbc.queryForObject("SELECT MIN(t.CREATE_TIME_) FROM ACT_RU_TASK t JOIN rebound_case c "
        // a case not assessed yet has no severity: its assessment may be the most urgent step of all
        + "ON c.process_instance_id = t.PROC_INST_ID_ WHERE t.ASSIGNEE_ IS NULL AND (c.severity IN (" + marks + ") OR c.severity IS NULL)",
        Timestamp.class,
        highSeverities.toArray());
    values.put("unclaimed", oldest == null ? 0.0 : Math.max(0, Duration.between(oldest.toInstant(), engineNow.toInstant()).toSeconds()));
    values.put("incidents", jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_INCIDENT", Double.class));
    return values;
  }
}
