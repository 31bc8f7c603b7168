package com.rebound.lessons;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.prevention.PreventionAdvice;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
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

  static final String DECISION = "prevention";
  /** At most this many answers are kept (causes x the protection sets clients have had); then they are forgotten. */
  private static final int MAX_ANSWERS = 20_000;

  private final JdbcTemplate jdbc;
  private final RepositoryService repository;
  private final DmnEngine dmn;
  private final ClientService clients;
  private final PreventionAdvice advice;
  private final Map<String, DmnDecision> tables = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Set<String>> answers = new java.util.concurrent.ConcurrentHashMap<>();

  PreventionHistory(JdbcTemplate jdbc, RepositoryService repository, ClientService clients, PreventionAdvice advice) {
    this.jdbc = jdbc;
    this.repository = repository;
    // a DMN engine of its own: a what-if evaluation is not a decision of a case, so none of the engine's history
    this.dmn = org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    this.clients = clients;
    this.advice = advice;
  }

  /**
   * Asks the latest table once for every cause and protections that past cases had, so that the first prevention
   * offer after a start does not pay for all of them (with 100,000 varied past cases that is seconds, once). Run in
   * the background when Rebound is ready; answers are kept as {@link #counts} would keep them. The number of pairs.
   */
  public int warm() {
    Table table = latestTable();
    if (table == null) {
      return 0;
    }
    List<String[]> pairs = jdbc.query("SELECT DISTINCT probable_cause, protections FROM rebound_lesson",
        (rs, n) -> new String[] {rs.getString(1), String.join(",", LessonFacts.read(rs.getString(2)))});
    pairs.stream().limit(MAX_ANSWERS).forEach(pair -> recommended(table, pair[0], pair[1]));
    return pairs.size();
  }

  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void warmWhenReady() {
    Thread warming = new Thread(() -> {
      try {
        int pairs = warm();
        org.slf4j.LoggerFactory.getLogger(PreventionHistory.class).info("Prevention history: {} cause and protection pairs asked", pairs);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(PreventionHistory.class).warn("Prevention history not warmed: {}", e.toString());
      }
    }, "prevention-history-warm-up");
    warming.setDaemon(true);
    warming.start();
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
    Table table = latestTable();
    Map<String, int[]> ofClient = tally(table, solutions, "client_id = ? AND case_number <> ?", clientId, caseNumber);
    Map<String, int[]> ofLike = sector == null || sizeBand == null ? tally(table, solutions, "1 = 0")
        : tally(table, solutions, "client_id <> ? AND sector = ? AND size_band = ?", clientId, sector, sizeBand);
    List<Count> counts = new ArrayList<>();
    for (String code : solutions) {
      counts.add(new Count(code, ofClient.get(code)[0], ofClient.get("")[0], ofLike.get(code)[0], ofLike.get("")[0]));
    }
    return counts;
  }

  /** Per solution, the cases the table recommends it for; under "" all the cases. */
  private Map<String, int[]> tally(Table table, Set<String> solutions, String where, Object... args) {
    Map<String, int[]> tally = new LinkedHashMap<>();
    tally.put("", new int[1]);
    solutions.forEach(code -> tally.put(code, new int[1]));
    if (answers.size() > MAX_ANSWERS) {
      answers.clear();
    }
    jdbc.query("SELECT probable_cause, protections, COUNT(*) FROM rebound_lesson WHERE " + where
        + " GROUP BY probable_cause, protections", rs -> {
          int cases = rs.getInt(3);
          tally.get("")[0] += cases;
          String cause = rs.getString(1);
          String protections = String.join(",", LessonFacts.read(rs.getString(2)));
          Set<String> recommended = table == null ? Set.of() : recommended(table, cause, protections);
          for (String code : solutions) {
            if (recommended.contains(code)) {
              tally.get(code)[0] += cases;
            }
          }
        }, args);
    return tally;
  }

  /** A deployed version of the decision table, parsed. */
  private record Table(String definitionId, DmnDecision decision) {
  }

  /** The latest deployed version of decision prevention (the one the procedure evaluates), parsed once per version. */
  private Table latestTable() {
    DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).latestVersion().singleResult();
    if (latest == null) {
      return null;
    }
    return new Table(latest.getId(), tables.computeIfAbsent(latest.getId(), id -> {
      try (java.io.InputStream model = repository.getDecisionModel(id)) {
        return dmn.parseDecision(DECISION, model);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
  }

  /**
   * What the table recommends for a cause and the protections a client had: evaluated by the DMN engine alone (a
   * what-if, not a decision of a case: no history is written), each answer kept per deployed version (a version
   * never changes, so every node may keep them).
   */
  private Set<String> recommended(Table table, String cause, String protections) {
    return answers.computeIfAbsent(table.definitionId() + "|" + cause + "|" + protections, key -> {
      Set<String> codes = new TreeSet<>();
      dmn.evaluateDecisionTable(table.decision(), Variables.createVariables().putValue(ProcedureVariables.PROBABLE_CAUSE, cause)
          .putValue(ProcedureVariables.CLIENT_PROTECTIONS, protections)).getResultList().forEach(row -> {
            Object code = row.get("recommendation");
            if (code != null) {
              codes.add(String.valueOf(code).trim());
            }
          });
      return codes;
    });
  }
}
