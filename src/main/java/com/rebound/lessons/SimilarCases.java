package com.rebound.lessons;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * "Seen before": the reviewed past cases most like a new one. Only cases of the same probable cause are
 * candidates; they are ranked by points for the facts they share, each named in the answer: every kind of
 * system hit by both (2), the same client (3), the same sector (2), the same size band (1), the same
 * protections (1); the most recent first among equals. The database ranks the candidates of one cause
 * (index on cause), so the answer stays fast with many past cases.
 */
@Service
public class SimilarCases {

  /** A new case's facts. */
  public record Facts(String caseNumber, String probableCause, Set<String> systems, String clientId, String sector, String sizeBand,
      Set<String> protections) {
  }

  /** A similar past case: its lesson, its points and the facts that matched. */
  public record Match(Map<String, Object> lesson, int points, List<String> matched) {
  }

  static final int SYSTEM_POINTS = 2;
  static final int CLIENT_POINTS = 3;
  static final int SECTOR_POINTS = 2;
  static final int SIZE_POINTS = 1;
  static final int PROTECTIONS_POINTS = 1;

  private final JdbcTemplate jdbc;

  SimilarCases(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The most similar reviewed cases of the same probable cause, best first (none without a cause). */
  public List<Match> find(Facts facts, int limit) {
    if (facts.probableCause() == null || facts.probableCause().isBlank()) {
      return List.of();
    }
    StringBuilder points = new StringBuilder("(CASE WHEN client_id = ? THEN " + CLIENT_POINTS + " ELSE 0 END"
        + " + CASE WHEN sector = ? THEN " + SECTOR_POINTS + " ELSE 0 END + CASE WHEN size_band = ? THEN " + SIZE_POINTS + " ELSE 0 END"
        + " + CASE WHEN protections = ? THEN " + PROTECTIONS_POINTS + " ELSE 0 END");
    List<Object> args = new ArrayList<>(List.of(nz(facts.clientId()), nz(facts.sector()), nz(facts.sizeBand()),
        LessonFacts.stored(new java.util.TreeSet<>(facts.protections()))));
    for (String system : facts.systems()) {
      points.append(" + CASE WHEN systems LIKE ? THEN " + SYSTEM_POINTS + " ELSE 0 END");
      args.add("%," + system + ",%");
    }
    points.append(")");
    args.add(facts.probableCause());
    args.add(nz(facts.caseNumber()));
    args.add(limit);
    return jdbc.query("SELECT l.*, " + points + " AS points FROM rebound_lesson l WHERE probable_cause = ? AND case_number <> ? "
        + "ORDER BY points DESC, reviewed_at DESC, case_number DESC FETCH FIRST ? ROWS ONLY", (rs, n) -> {
          Map<String, Object> lesson = Lessons.row(rs);
          return new Match(lesson, rs.getInt("points"), matched(facts, lesson));
        }, args.toArray());
  }

  /** The facts a past case shares with the new one, in words. */
  static List<String> matched(Facts facts, Map<String, Object> lesson) {
    List<String> matched = new ArrayList<>();
    matched.add("same cause (" + LessonFacts.words(facts.probableCause()) + ")");
    List<String> shared = ((Collection<?>) lesson.get("systems")).stream().map(String::valueOf).filter(facts.systems()::contains).toList();
    if (!shared.isEmpty()) {
      matched.add("systems hit: " + String.join(", ", shared.stream().map(LessonFacts::words).toList()));
    }
    if (Objects.equals(facts.clientId(), lesson.get("clientId"))) {
      matched.add("same client");
    }
    if (facts.sector() != null && facts.sector().equals(lesson.get("sector"))) {
      matched.add("same sector (" + facts.sector() + ")");
    }
    if (facts.sizeBand() != null && facts.sizeBand().equals(lesson.get("sizeBand"))) {
      matched.add("same size (" + facts.sizeBand() + ")");
    }
    if (new java.util.TreeSet<>(facts.protections()).equals(new java.util.TreeSet<>((Collection<?>) lesson.get("protections")))) {
      matched.add("same protections (" + (facts.protections().isEmpty() ? "none"
          : String.join(", ", new java.util.TreeSet<>(facts.protections()).stream().map(LessonFacts::words).toList())) + ")");
    }
    return matched;
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
