package com.rebound.lessons;

import com.rebound.casebook.CaseBook;
import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.procedure.ProcedureVariables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The lessons of reviewed cases ({@code rebound_lesson}): kept by the step after the review with what they
 * are about, as things were then (the client's sector, size and protections when it happened), and listed
 * and searched for the lessons page.
 */
@Service
public class Lessons {

  /**
   * A lesson's text as the word search reads it; on PostgreSQL a trigram index holds this very expression
   * ({@code V15__lesson_search_index.sql}), so change both together.
   */
  static final String SEARCHED_TEXT = "LOWER(case_number || ' ' || COALESCE(client_name, '') || ' ' || COALESCE(summary, '') || ' ' "
      + "|| COALESCE(root_cause, '') || ' ' || COALESCE(lessons_learned, '') || ' ' || COALESCE(went_well, ''))";

  static final List<String> OUTCOMES = List.of("recovered", "restored", "unrecoverable", "notRecovered");

  private final JdbcTemplate jdbc;
  private final ClientService clients;
  private final CaseBook cases;

  Lessons(JdbcTemplate jdbc, ClientService clients, CaseBook cases) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.cases = cases;
  }

  /** Keeps the lesson of the reviewed case (again, if the step runs again). */
  void keep(DelegateExecution review) {
    String caseNumber = (String) review.getVariable(ProcedureVariables.CASE_NUMBER);
    String clientId = (String) review.getVariable(ProcedureVariables.CLIENT_ID);
    Client client = clients.find(clientId).orElse(null);
    String approach = (String) review.getVariable(ProcedureVariables.APPROACH);
    // how the case ends if it ended now (the review comes before the end), by the case book's one rule
    CaseBook.Ending ending = cases.endingSoFar(caseNumber).orElse(new CaseBook.Ending("notRecovered", null, 0));
    jdbc.update("DELETE FROM rebound_lesson WHERE case_number = ?", caseNumber);
    jdbc.update("INSERT INTO rebound_lesson (case_number, client_id, client_name, summary, probable_cause, systems, sector, size_band, "
        + "protections, outcome, approach, recovery_minutes, acceptance_rounds, root_cause, lessons_learned, went_well, reviewed_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        caseNumber, clientId, review.getVariable(ProcedureVariables.CLIENT_NAME), cut((String) review.getVariable(ProcedureVariables.SUMMARY), 1000),
        String.valueOf(review.getVariable(ProcedureVariables.PROBABLE_CAUSE)),
        LessonFacts.stored(LessonFacts.codes(review.getVariable(ProcedureVariables.SYSTEMS_HIT))),
        client == null ? null : LessonFacts.sector(client.sector()), client == null ? null : LessonFacts.sizeBand(client.userCount()),
        LessonFacts.stored(LessonFacts.codes(review.getVariable(ProcedureVariables.CLIENT_PROTECTIONS))),
        ending.outcome(), approach, ending.recoveryMinutes(), ending.acceptanceRounds(),
        cut((String) review.getVariable(ProcedureVariables.ROOT_CAUSE), 4000), cut((String) review.getVariable(ProcedureVariables.LESSONS_LEARNED), 4000),
        cut((String) review.getVariable(ProcedureVariables.WENT_WELL), 4000), Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
  }

  /** A page of lessons, newest first: words anywhere in them, a probable cause, an outcome, a sector, a client. */
  public Map<String, Object> search(String words, String cause, String outcome, String sector, String clientId, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (words != null && !words.isBlank()) {
      for (String word : words.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
        where.append(" AND ").append(SEARCHED_TEXT).append(" LIKE ?");
        args.add("%" + word.replace("%", "").replace("_", "") + "%");
      }
    }
    for (String[] filter : new String[][] {{"probable_cause", cause}, {"outcome", outcome}, {"sector", LessonFacts.sector(sector)},
        {"client_id", clientId}}) {
      if (filter[1] != null && !filter[1].isBlank()) {
        where.append(" AND ").append(filter[0]).append(" = ?");
        args.add(filter[1]);
      }
    }
    Integer total = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_lesson" + where, Integer.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(page * size);
    pageArgs.add(size);
    List<Map<String, Object>> lessons = jdbc.query("SELECT * FROM rebound_lesson" + where
        + " ORDER BY reviewed_at DESC, case_number DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", (rs, n) -> row(rs), pageArgs.toArray());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("total", total);
    answer.put("page", page);
    answer.put("size", size);
    answer.put("lessons", lessons);
    return answer;
  }

  static Map<String, Object> row(java.sql.ResultSet rs) throws java.sql.SQLException {
    Map<String, Object> lesson = new LinkedHashMap<>();
    lesson.put("caseNumber", rs.getString("case_number"));
    lesson.put("clientId", rs.getString("client_id"));
    lesson.put("clientName", rs.getString("client_name"));
    lesson.put("summary", rs.getString("summary"));
    lesson.put("probableCause", rs.getString("probable_cause"));
    lesson.put("systems", LessonFacts.read(rs.getString("systems")));
    lesson.put("sector", rs.getString("sector"));
    lesson.put("sizeBand", rs.getString("size_band"));
    lesson.put("protections", LessonFacts.read(rs.getString("protections")));
    lesson.put("outcome", rs.getString("outcome"));
    lesson.put("approach", rs.getString("approach"));
    Object minutes = rs.getObject("recovery_minutes");
    lesson.put("recoveryMinutes", minutes == null ? null : ((Number) minutes).intValue());
    Object rounds = rs.getObject("acceptance_rounds");
    lesson.put("acceptanceRounds", rounds == null ? null : ((Number) rounds).intValue());
    lesson.put("rootCause", rs.getString("root_cause"));
    lesson.put("lessonsLearned", rs.getString("lessons_learned"));
    lesson.put("wentWell", rs.getString("went_well"));
    Timestamp reviewed = rs.getTimestamp("reviewed_at");
    lesson.put("reviewedAt", reviewed == null ? null : reviewed.toInstant().toString());
    return lesson;
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
