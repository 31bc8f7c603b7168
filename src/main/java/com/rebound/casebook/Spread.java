package com.rebound.casebook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many cases took how many minutes, in steps that keep a day's or a year's worth small enough to add up
 * per request: each minute up to an hour, then 5 minutes up to 8 hours, 15 minutes up to two days, an hour up to
 * a week, six hours beyond. A percentile is the nearest rank's step, read as its upper end ("at most"), so
 * 20 and 60 minutes stay exact and 4 h 03 reads 4 h 05.
 */
final class Spread {

  private final TreeMap<Integer, Long> counts;

  Spread() {
    this(new TreeMap<>());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  Spread(Map<Integer, Long> counts) {
    this.counts = new TreeMap<>(counts);
  }

  /** The upper end of the step a number of minutes falls in. */
  static int step(int minutes) {
    int m = Math.max(0, minutes);
    if (m <= 60) {
      return m;
    }
    int width = m <= 480 ? 5 : m <= 2_880 ? 15 : m <= 10_080 ? 60 : 360;
    return (int) Math.min(Integer.MAX_VALUE, ((long) m + width - 1) / width * width);
  }

  void add(Integer minutes) {
    if (minutes != null) {
      counts.merge(step(minutes), 1L, Long::sum);
    }
  }

  void add(Spread other) {
    other.counts.forEach((step, n) -> counts.merge(step, n, Long::sum));
  }

  long count() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Nearest rank, as {@code PERCENTILE_DISC}: the first step whose running count reaches {@code share} of all; null when empty. */
  Long percentile(double share) {
    long total = count();
    if (total == 0) {
      return null;
    }
    // less a hair, so 0.9 of 10 is rank 9 and not 10 by floating point
    long rank = Math.max(1, (long) Math.ceil(share * total - 1e-9));
    long seen = 0;
    for (Map.Entry<Integer, Long> entry : counts.entrySet()) {
      seen += entry.getValue();
      if (seen >= rank) {
        return entry.getKey().longValue();
      }
    }
    return counts.lastKey().longValue();
  }

  @JsonValue
  Map<Integer, Long> counts() {
    return counts;
  }
}
