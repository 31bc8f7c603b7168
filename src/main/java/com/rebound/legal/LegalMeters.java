package com.rebound.legal;

import com.rebound.settings.ReboundSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code rebound_legal_obligations{state}} for Prometheus: legal obligations by status (open, overdue: open past the
 * deadline, met, late, notApplicable), counted in the database by {@link LegalObligations#summary}, at most once per
 * {@code rebound.meters.refresh}.
 */
@Component
class LegalMeters {

  private static final List<String> STATES = List.of("open", "overdue", "met", "late", "notApplicable");

  private final LegalObligations obligations;
  private final Clock clock;
  private final Duration refresh;
  private volatile Map<String, Object> last = Map.of();
  private volatile Instant readAt = Instant.EPOCH;

  LegalMeters(LegalObligations obligations, Clock clock, MeterRegistry registry, ReboundSettings settings) {
    this.obligations = obligations;
    this.clock = clock;
    this.refresh = settings.meters().refresh();
    for (String state : STATES) {
      Gauge.builder("rebound.legal.obligations", this, m -> m.value(state))
          .description("Legal obligations of cases by status (overdue: open past the deadline)").tag("state", state).register(registry);
    }
  }

  private double value(String state) {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(refresh) >= 0) {
      synchronized (this) {
        if (Duration.between(readAt, now).compareTo(refresh) >= 0) {
          last = obligations.summary(null, null, null);
          readAt = now;
        }
      }
    }
    return last.get(state) instanceof Number n ? n.doubleValue() : 0.0;
  }
}
