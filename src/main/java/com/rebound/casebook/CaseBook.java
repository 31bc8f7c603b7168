package com.rebound.casebook;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.rebound.clocks.CaseClocks;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The cases as the console lists and shows them, read from the case summary ({@code rebound_case}) and
 * Rebound's own records of the client's rounds and mails: indexed reads, whatever Camunda's history holds.
 * Where an open case stands (its steps, who holds them) comes from the engine's runtime, for the cases shown.
 */
@Service
class CaseBook {

  private final JdbcTemplate jdbc;
  private final TaskService tasks;
  private final CaseClocks clocks;

  CaseBook(JdbcTemplate jdbc, TaskService tasks, CaseClocks clocks) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.clocks = clocks;
  }

  Map<String, Object> list(CaseFilter filter, int page, int size, Instant now) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (filter.from() != null) {
      where.append(" AND opened_at >= ?");
      args.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      where.append(" AND opened_at < ?");
      args.add(Timestamp.from(filter.to()));
    }
    if (filter.client() != null) {
      where.append(" AND client_id = ?");
      args.add(filter.client());
    }
    if (filter.severity() != null) {
      where.append(" AND severity = ?");
      args.add(filter.severity());
    }
    if (filter.state() != null) {
      where.append(" AND state = ?");
      args.add(filter.state());
    }
    if (filter.rto() != null) {
      where.append(" AND (").append(CaseRow.rtoSql(filter.rto())).append(")");
      if (CaseRow.rtoSqlTakesNow(filter.rto())) {
        args.add(Timestamp.from(now));
      }
    }
    if (filter.text() != null) {
      // a case number, or words of the summary or the client's name
      where.append(" AND (case_number = ? OR LOWER(summary) LIKE ? OR LOWER(client_name) LIKE ?)");
      String like = "%" + filter.text().toLowerCase(java.util.Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "") + "%";
      args.add(filter.text().toUpperCase(java.util.Locale.ROOT));
      args.add(like);
      args.add(like);
    }
    long total = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_case" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    // newest first; a client's (and state's) cases in the order of their index, which H2 reads in order only when the
    // ORDER BY names the equal columns too (else it sorts all of that client's cases for one page)
    String order = filter.client() == null ? "" : filter.state() == null ? "client_id DESC, " : "client_id DESC, state DESC, ";
    List<CaseRow> rows = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM rebound_case" + where
        + " ORDER BY " + order + "opened_at DESC, case_number DESC LIMIT ? OFFSET ?", CaseRow::read, pageArgs.toArray());
    Map<String, List<Map<String, Object>>> steps = steps(rows.stream().filter(CaseRow::open).map(CaseRow::processInstanceId).toList());
    List<Map<String, Object>> items = rows.stream().map(row -> item(row, now, steps.getOrDefault(row.processInstanceId(), List.of()),
        false)).toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("items", items);
    answer.put("page", page);
    answer.put("size", size);
    answer.put("total", total);
    return answer;
  }

  Optional<Map<String, Object>> one(String caseNumber, boolean withMails, Instant now) {
    List<CaseRow> rows = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM rebound_case WHERE case_number = ?", CaseRow::read, caseNumber);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    CaseRow row = rows.get(0);
    Map<String, Object> page = item(row, now, row.open() ? steps(List.of(row.processInstanceId())).getOrDefault(row.processInstanceId(),
        List.of()) : List.of(), true);
    page.put("rounds", rounds(row.processInstanceId()));
    if (withMails) {
      page.put("mails", jdbc.query("SELECT kind, subject, recipients, status, created_at, sent_at, attempts FROM rebound_outbox "
          + "WHERE case_number = ? ORDER BY created_at, id", (rs, n) -> {
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put("kind", rs.getString(1));
            mail.put("subject", rs.getString(2));
            mail.put("to", rs.getString(3));
            mail.put("status", rs.getString(4));
            mail.put("createdAt", CaseSummaries.instant(rs.getTimestamp(5)));
            mail.put("sentAt", CaseSummaries.instant(rs.getTimestamp(6)));
            mail.put("attempts", rs.getInt(7));
            return mail;
          }, caseNumber));
    }
    page.put("report", Map.of("html", "/api/incidents/" + caseNumber + "/report", "pdf", "/api/incidents/" + caseNumber + "/report.pdf"));
    return Optional.of(page);
  }

  /**
   * A case as a list shows it, with its RTO clock by the one rule, and for an open case its current steps; on a case
   * page also the time used, counted like the deadline (the client's calendar is read for it).
   */
  private Map<String, Object> item(CaseRow row, Instant now, List<Map<String, Object>> steps, boolean businessTimeUsed) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("caseNumber", row.caseNumber());
    item.put("processInstanceId", row.processInstanceId());
    item.put("client", row.clientId() == null ? null : Map.of("id", row.clientId(), "name", String.valueOf(row.clientName())));
    item.put("summary", row.summary());
    item.put("severity", row.severity());
    item.put("state", row.state());
    item.put("openedAt", row.openedAt());
    item.put("detectedAt", row.detectedAt());
    item.put("assessedAt", row.assessedAt());
    item.put("probableCause", row.probableCause());
    item.put("approach", row.approach());
    item.put("rto", rto(row, now, businessTimeUsed));
    item.put("rpo", Map.of("status", row.rpoStatus(), "hours", row.rpoHours() == null ? "" : row.rpoHours(),
        "dataLossHours", row.dataLossHours() == null ? "" : row.dataLossHours()));
    item.put("acceptanceRounds", row.acceptanceRounds());
    item.put("restored", row.restored());
    item.put("preventionInterest", row.preventionInterest());
    item.put("closedAt", row.closedAt());
    item.put("outcome", row.outcome());
    item.put("currentSteps", steps);
    return item;
  }

  private Map<String, Object> rto(CaseRow row, Instant now, boolean businessTimeUsed) {
    Map<String, Object> rto = new LinkedHashMap<>();
    String status = row.rtoStatus(now);
    rto.put("status", status);
    if (row.rtoDeadline() == null) {
      return rto;
    }
    rto.put("hours", row.rtoHours());
    rto.put("agreedAt", row.agreedAt());
    rto.put("deadline", row.rtoDeadline());
    rto.put("countsBusinessHours", row.businessHours());
    Instant end = row.recoveredAt() != null ? row.recoveredAt() : now;
    if (businessTimeUsed) {
      Duration used = Duration.between(row.agreedAt(), end);
      if (row.businessHours() && clocks.countsBusinessHours(row.clientId())) {
        // counted like the deadline: the client's business hours only (the one rule of clocks.CaseClocks#rto)
        used = clocks.rto(row.clientId(), row.rtoHours(), java.util.Date.from(row.agreedAt()), row.recoveredAt(), !row.open(),
            "unrecoverable".equals(row.approach()), now).used();
      }
      rto.put("usedMinutes", Math.max(0, used.toMinutes()));
    }
    if ("running".equals(status)) {
      rto.put("minutesLeft", Duration.between(now, row.rtoDeadline()).toMinutes());
    }
    if ("breached".equals(status)) {
      rto.put("breachedByMinutes", Duration.between(row.rtoDeadline(), end).toMinutes());
    }
    rto.put("warningAt", row.rtoWarningAt());
    rto.put("breachedAt", row.rtoBreachedAt());
    rto.put("recoveredAt", row.recoveredAt());
    return rto;
  }

  /** The open steps of these cases and who holds them (the assignee, else the candidate groups). */
  private Map<String, List<Map<String, Object>>> steps(List<String> processInstanceIds) {
    Map<String, List<Map<String, Object>>> steps = new HashMap<>();
    if (processInstanceIds.isEmpty()) {
      return steps;
    }
    List<Task> open = tasks.createTaskQuery().processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .orderByTaskCreateTime().asc().listPage(0, 500);
    for (Task task : open) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("taskId", task.getId());
      step.put("step", task.getTaskDefinitionKey());
      step.put("name", task.getName());
      step.put("since", task.getCreateTime().toInstant());
      step.put("due", task.getDueDate() == null ? null : task.getDueDate().toInstant());
      step.put("assignee", task.getAssignee());
      step.put("candidateGroups", task.getAssignee() != null ? List.of() : tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(l -> l.getGroupId() != null).map(IdentityLink::getGroupId).toList());
      step.put("tasklist", "/camunda/app/tasklist/default/#/?task=" + task.getId());
      steps.computeIfAbsent(task.getProcessInstanceId(), id -> new ArrayList<>()).add(step);
    }
    return steps;
  }

  /** The acceptance rounds of a case with each user's result (Rebound's own records, kept whatever history is cleaned). */
  private List<Map<String, Object>> rounds(String processInstanceId) {
    Map<Integer, List<Map<String, Object>>> results = new HashMap<>();
    jdbc.query("SELECT round, tester_name, tested, ok, description, recorded_at FROM rebound_acceptance_result "
        + "WHERE process_instance_id = ? ORDER BY round, recorded_at, id", rs -> {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("tester", rs.getString(2));
          result.put("tested", rs.getString(3));
          result.put("ok", rs.getBoolean(4));
          result.put("description", rs.getString(5));
          result.put("recordedAt", CaseSummaries.instant(rs.getTimestamp(6)));
          results.computeIfAbsent(rs.getInt(1), r -> new ArrayList<>()).add(result);
        }, processInstanceId);
    return jdbc.query("SELECT round, opened_at, closed_at, closed_by, closed_via, outcome FROM rebound_client_round "
        + "WHERE process_instance_id = ? AND purpose = 'ACCEPTANCE' ORDER BY round", (rs, n) -> {
          Map<String, Object> round = new LinkedHashMap<>();
          round.put("round", rs.getInt(1));
          round.put("openedAt", CaseSummaries.instant(rs.getTimestamp(2)));
          round.put("closedAt", CaseSummaries.instant(rs.getTimestamp(3)));
          round.put("answeredBy", rs.getString(4));
          round.put("answeredVia", rs.getString(5));
          round.put("outcome", rs.getString(6) == null ? "open" : rs.getString(6));
          round.put("results", results.getOrDefault(rs.getInt(1), List.of()));
          return round;
        }, processInstanceId);
  }
}
