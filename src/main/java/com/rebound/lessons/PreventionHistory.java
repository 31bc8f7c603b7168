package com.rebound.lessons;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.prevention.PreventionAdvice;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ${preventionHistory.of(execution, preventionDecision)}}: for each solution the decision table
 * {@code prevention} recommends now, how many reviewed past cases of this client, and of clients like it
 * (the same sector and size band), it would have avoided or shortened: the cases for which the same table,
 * given their recorded probable cause and the protections their client had then, recommends it too. The
 * past cases are grouped by cause and protections, so the table is asked once per group, not per case.
 */
@Component("preventionHistory")
public class PreventionHistory {

  /** Past cases counted for one recommended solution. */
  public record Count(String code, int ofClient, int clientCases, int ofLikeClients, int likeClientCases) {
  }

  private final JdbcTemplate jdbc;
  private final DecisionService decisions;
  private final ClientService clients;
  private final PreventionAdvice advice;

  PreventionHistory(JdbcTemplate jdbc, DecisionService decisions, ClientService clients, PreventionAdvice advice) {
    this.jdbc = jdbc;
    this.decisions = decisions;
    this.clients = clients;
    this.advice = advice;
  }

  /** The counts as the prevention form's Markdown (null when there is no history to tell). */
  public String of(DelegateExecution execution, List<Map<String, Object>> decision) {
    String clientId = (String) execution.getVariable(ProcedureVariables.CLIENT_ID);
    Client client = clients.find(clientId).orElse(null);
    List<Count> counts = counts(LessonFacts.codes(advice.codes(decision)), clientId,
        (String) execution.getVariable(ProcedureVariables.CASE_NUMBER),
        client == null ? null : LessonFacts.sector(client.sector()), client == null ? null : LessonFacts.sizeBand(client.userCount()));
    if (counts.isEmpty() || counts.get(0).clientCases() + counts.get(0).likeClientCases() == 0) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    for (Count count : counts) {
      lines.add("- **" + advice.name(count.code(), "en") + "**: " + count.ofClient() + " of this client's " + count.clientCases()
          + " past cases; " + count.ofLikeClients() + " of " + count.likeClientCases() + " at clients like it"
          + (client == null ? "" : " (" + LessonFacts.sector(client.sector()) + ", " + LessonFacts.sizeBand(client.userCount()) + ")"));
    }
    return String.join("\n", lines);
  }

  /** For each solution: the past cases it would have avoided or shortened, of the client and of clients like it, out of how many. */
  public List<Count> counts(Set<String> solutions, String clientId, String caseNumber, String sector, String sizeBand) {
    if (solutions.isEmpty()) {
      return List.of();
    }
    Map<String, int[]> ofClient = tally(solutions, "client_id = ? AND case_number <> ?", clientId, caseNumber);
    Map<String, int[]> ofLike = sector == null || sizeBand == null ? tally(solutions, "1 = 0")
        : tally(solutions, "client_id <> ? AND sector = ? AND size_band = ?", clientId, sector, sizeBand);
    List<Count> counts = new ArrayList<>();
    for (String code : solutions) {
      counts.add(new Count(code, ofClient.get(code)[0], ofClient.get("")[0], ofLike.get(code)[0], ofLike.get("")[0]));
    }
    return counts;
  }

  /** Per solution, the cases the table recommends it for; under "" all the cases. */
  private Map<String, int[]> tally(Set<String> solutions, String where, Object... args) {
    Map<String, int[]> tally = new LinkedHashMap<>();
    tally.put("", new int[1]);
    solutions.forEach(code -> tally.put(code, new int[1]));
    Map<String, Set<String>> answers = new HashMap<>();
    jdbc.query("SELECT probable_cause, protections, COUNT(*) FROM rebound_lesson WHERE " + where
        + " GROUP BY probable_cause, protections", rs -> {
          int cases = rs.getInt(3);
          tally.get("")[0] += cases;
          String cause = rs.getString(1);
          String protections = String.join(",", LessonFacts.read(rs.getString(2)));
          Set<String> recommended = answers.computeIfAbsent(cause + "|" + protections, key -> recommended(cause, protections));
          for (String code : solutions) {
            if (recommended.contains(code)) {
              tally.get(code)[0] += cases;
            }
          }
        }, args);
    return tally;
  }

  /** What the decision table prevention recommends for a cause and the protections a client had. */
  private Set<String> recommended(String cause, String protections) {
    Set<String> codes = new TreeSet<>();
    decisions.evaluateDecisionTableByKey("prevention", Variables.createVariables()
        .putValue(ProcedureVariables.PROBABLE_CAUSE, cause).putValue(ProcedureVariables.CLIENT_PROTECTIONS, protections))
        .getResultList().forEach(row -> {
          Object code = row.get("recommendation");
          if (code != null) {
            codes.add(String.valueOf(code).trim());
          }
        });
    return codes;
  }
}
