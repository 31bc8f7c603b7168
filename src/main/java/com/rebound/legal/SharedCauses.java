package com.rebound.legal;

import com.rebound.casebook.CaseBook;
import com.rebound.clients.Client;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One cause, many clients: a manager links cases that share one cause of the provider's own (its remote-management tool
 * compromised, as in the 2021 Kaseya VSA attack). The set's id is {@code SC-} and the first case's number
 * ({@code SC-2026-0042}); its moment of awareness is the linking (or the moment the manager gives); the provider's own NIS2
 * obligations (the rows of decision legalObligations with {@code sharedCause} true) run once for the set, however many
 * cases join it later. A case belongs to one set at most.
 */
@Service
public class SharedCauses {

  private final JdbcTemplate jdbc;
  private final LegalClocks clocks;
  private final CaseBook cases;

  SharedCauses(JdbcTemplate jdbc, LegalClocks clocks, CaseBook cases) {
    this.jdbc = jdbc;
    this.clocks = clocks;
    this.cases = cases;
  }

  /** Links the cases to a new shared cause and starts the provider's own clocks; a 400 naming the field, or 409. */
  @Transactional
  public Map<String, Object> link(String cause, List<String> caseNumbers, boolean significant, Instant awareAt, String by) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    if (cause == null || cause.isBlank() || cause.length() > 500) {
      problems.add(new ApiProblem.FieldProblem("cause", "is required (at most 500 characters): what the cases share"));
    }
    LinkedHashSet<String> numbers = new LinkedHashSet<>(caseNumbers == null ? List.of() : caseNumbers);
    if (numbers.size() < 2) {
      problems.add(new ApiProblem.FieldProblem("caseNumbers", "give at least two different cases that share the cause"));
    }
    Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
    for (String number : numbers) {
      if (cases.view(number, now).isEmpty()) {
        problems.add(new ApiProblem.FieldProblem("caseNumbers", "no case '" + number + "'"));
      }
    }
    if (awareAt != null && awareAt.isAfter(now)) {
      problems.add(new ApiProblem.FieldProblem("awareAt", "is in the future; give the moment someone became aware"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    List<String> sorted = numbers.stream().sorted().toList();
    String id = "SC-" + sorted.get(0).replaceFirst("^[A-Z]+-", "");
    for (String number : sorted) {
      // one set at a time per case, whatever the route
      jdbc.queryForList("SELECT case_number FROM rebound_case WHERE case_number = ? FOR UPDATE", String.class, number);
      linkedTo(number).ifPresent(other -> {
        throw ApiProblem.conflict("Case " + number + " is already linked to shared cause " + other + "; add the others to it.");
      });
    }
    Instant at = awareAt == null ? now : awareAt.truncatedTo(ChronoUnit.MILLIS);
    jdbc.update("INSERT INTO rebound_shared_cause (id, cause, significant, created_by, created_at) VALUES (?, ?, ?, ?, ?)", id,
        cause.trim(), significant, by, Timestamp.from(now));
    for (String number : sorted) {
      add(id, number, by, now);
    }
    jdbc.update("INSERT INTO rebound_legal_awareness (case_number, client_id, aware_at, recorded_by, recorded_at, recorded_step, "
        + "personal_data, high_risk, significant, major) VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, ?, FALSE)", id, LegalClocks.PROVIDER,
        Timestamp.from(at), by, Timestamp.from(now), "the cases linked to one cause", significant);
    clocks.event(id, now, by, "aware", "Cases " + String.join(", ", sorted) + " linked to one cause: " + cause.trim());
    Map<String, Object> variables = new HashMap<>();
    variables.put(ProcedureVariables.CASE_NUMBER, id);
    variables.put(ProcedureVariables.CLIENT_NAME, "Shared cause: " + abbreviate(cause.trim(), 170));
    variables.put(ProcedureVariables.SUMMARY, cause.trim());
    for (Map<String, Object> rule : clocks.obligations(Client.Legal.NONE, new Facts(false, false, significant, false), true)) {
      clocks.start(rule, null, variables, at, now);
    }
    return find(id).orElseThrow();
  }

  /** Adds a case to a set: the set's clocks do not start again. */
  @Transactional
  public Map<String, Object> join(String id, String caseNumber, String by) {
    Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
    if (find(id).isEmpty()) {
      throw ApiProblem.notFound("No shared cause '" + id + "'.");
    }
    if (caseNumber == null || cases.view(caseNumber, now).isEmpty()) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("caseNumber", "no case '" + caseNumber + "'")));
    }
    jdbc.queryForList("SELECT case_number FROM rebound_case WHERE case_number = ? FOR UPDATE", String.class, caseNumber);
    Optional<String> other = linkedTo(caseNumber);
    if (other.isPresent()) {
      throw ApiProblem.conflict("Case " + caseNumber + " is already linked to shared cause " + other.get() + ".");
    }
    add(id, caseNumber, by, now);
    clocks.event(id, now, by, "linked", "Case " + caseNumber + " linked to the shared cause; its clocks run once for the set");
    return find(id).orElseThrow();
  }

  /** The set a case belongs to, if any. */
  public Optional<String> linkedTo(String caseNumber) {
    return jdbc.queryForList("SELECT cause_id FROM rebound_shared_cause_case WHERE case_number = ?", String.class, caseNumber).stream()
        .findFirst();
  }

  /** A set: its cause, its cases. */
  public Optional<Map<String, Object>> find(String id) {
    return jdbc.queryForList("SELECT * FROM rebound_shared_cause WHERE id = ?", id).stream().findFirst().map(row -> {
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("id", id);
      set.put("cause", row.get("cause"));
      set.put("cases", jdbc.queryForList("SELECT case_number FROM rebound_shared_cause_case WHERE cause_id = ? ORDER BY case_number",
          String.class, id));
      return set;
    });
  }

  private void add(String id, String caseNumber, String by, Instant now) {
    jdbc.update("INSERT INTO rebound_shared_cause_case (case_number, cause_id, linked_by, linked_at) VALUES (?, ?, ?, ?)", caseNumber, id,
        by, Timestamp.from(now));
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
