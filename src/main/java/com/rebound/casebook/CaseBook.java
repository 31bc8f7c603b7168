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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.acceptance.CaseRounds;
import com.rebound.alerts.CaseAlerts;
import com.rebound.clocks.CaseClocks;
import com.rebound.clocks.RtoRule;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.security.CurrentUser;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The one read model of cases ({@link CaseView}): the console's lists and pages, {@code /api/incidents/{n}} and the final
 * report read cases here. What a case is comes from its summary row ({@code rebound_case}, the only SQL on it outside
 * {@link CaseSummaries}, which writes it) and Rebound's own records of the client's rounds and mails: indexed reads,
 * whatever Camunda's history holds. Where an open case stands (its steps, who holds them) comes from the engine's
 * runtime, for the cases shown; the timeline from its history, on a case's page.
 */
@Service
public class CaseBook {

  /** Camunda's names of the activity types a case's timeline shows (an end event is a "noneEndEvent"). */
  static final Set<String> TIMELINE_TYPES = Set.of("startEvent", "userTask", "noneEndEvent", "businessRuleTask", "serviceTask",
      "boundaryTimer", "intermediateTimer", "callActivity");
  /** The kind of the runbook's call and of its start and end in a case's timeline (not the case's own start and end). */
  static final String RUNBOOK = "runbook";
  /** The kind of each moment of the timeline ({@link CaseView.Event}). */
  private static final Map<String, String> KINDS = Map.of("startEvent", "start", "userTask", "step", "noneEndEvent", "end",
      "businessRuleTask", "decision", "serviceTask", "automatic", "boundaryTimer", "timer", "intermediateTimer", "timer",
      "callActivity", RUNBOOK);

  private final JdbcTemplate jdbc;
  private final TaskService tasks;
  private final HistoryService history;
  private final CaseClocks clocks;
  private final CaseRounds rounds;
  private final CaseAlerts alerts;
  private final ObjectMapper json;
  private final CurrentUser currentUser;

  CaseBook(JdbcTemplate jdbc, TaskService tasks, HistoryService history, CaseClocks clocks, CaseRounds rounds, CaseAlerts alerts,
      ObjectMapper json, CurrentUser currentUser) {
    this.json = json;
    this.currentUser = currentUser;
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.history = history;
    this.clocks = clocks;
    this.rounds = rounds;
    this.alerts = alerts;
  }

  /** A page of cases, newest first, as the console's list shows them. */
  public record Listing(List<CaseView> items, int page, int size, long total) {
  }

  /** A page of cases of a client, a severity and a state (each optional); a bad value is a 400 naming the field. */
  public Listing list(String client, String severity, String state, int page, int size, Instant now) {
    return list(CaseFilter.of(null, null, client, severity, state, null, null, false, now), page, size, now);
  }

  Listing list(CaseFilter filter, int page, int size, Instant now) {
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
      where.append(" AND (").append(RtoRule.sql(filter.rto())).append(")");
      if (RtoRule.sqlTakesNow(filter.rto())) {
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
    Map<String, List<CaseView.Step>> steps = steps(rows.stream().filter(CaseRow::open).map(CaseRow::processInstanceId).toList());
    List<CaseView> items = rows.stream().map(row -> view(row, now, steps.getOrDefault(row.processInstanceId(), List.of()), null))
        .toList();
    return new Listing(items, page, size, total);
  }

  /**
   * One case as every door shows it ({@link CaseView}), or empty when there is no such case: its row, its RTO with the
   * time used counted like the deadline, its open steps, its timeline, the client's rounds, who reported it and the
   * monitors' alerts.
   */
  public Optional<CaseView> view(String caseNumber, Instant now) {
    List<CaseRow> rows = jdbc.query("SELECT " + CaseRow.COLUMNS + " FROM rebound_case WHERE case_number = ?", CaseRow::read, caseNumber);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    CaseRow row = rows.get(0);
    String id = row.processInstanceId();
    List<CaseView.Step> open = row.open() ? steps(List.of(id)).getOrDefault(id, List.of()) : List.of();
    return Optional.of(view(row, now, open, new Details(reportedBy(id), timeline(id),
        rounds.acceptance(id).stream().map(CaseBook::round).toList(), rounds.lastConsent(id).map(CaseBook::round).orElse(null),
        alerts.of(id))));
  }

  /** The mails of a case, oldest first, as the outbox keeps them (managers see them on the case's page). */
  List<Map<String, Object>> mails(String caseNumber) {
    return jdbc.query("SELECT kind, subject, recipients, status, created_at, sent_at, attempts FROM rebound_outbox "
        + "WHERE case_number = ? ORDER BY created_at, id", (rs, n) -> {
          Map<String, Object> mail = new LinkedHashMap<>();
          mail.put("kind", rs.getString(1));
          mail.put("subject", rs.getString(2));
          mail.put("to", recipients(rs.getString(3)));
          mail.put("status", rs.getString(4));
          mail.put("createdAt", CaseSummaries.instant(rs.getTimestamp(5)));
          mail.put("sentAt", CaseSummaries.instant(rs.getTimestamp(6)));
          mail.put("attempts", rs.getInt(7));
          return mail;
        }, caseNumber);
  }

  /** How a case ends if it ended now (the one rule of {@link CaseOutcome}), the minutes from detection to recovery, the rounds. */
  public record Ending(String outcome, Integer recoveryMinutes, int acceptanceRounds) {
  }

  /** How the case ends if it ended now (the review keeps it with its lesson before the case closes); empty when there is no such case. */
  public Optional<Ending> endingSoFar(String caseNumber) {
    return jdbc.query("SELECT recovered_at, restored, approach, recovery_minutes, acceptance_rounds FROM rebound_case WHERE case_number = ?",
        (rs, n) -> new Ending(CaseOutcome.of(false, false, rs.getTimestamp(1) != null, rs.getBoolean(2), rs.getString(3)),
            rs.getObject(4, Integer.class), rs.getInt(5)), caseNumber).stream().findFirst();
  }

  /** What only a case's own page shows. */
  private record Details(String reportedBy, List<CaseView.Event> timeline, List<CaseView.Round> rounds, CaseView.Round consent,
      List<CaseAlerts.Alert> alerts) {
  }

  /**
   * A case as a list or its page shows it, with its RTO by the one rule, and for an open case its current steps; on a
   * case's page (details given) also the time used, counted like the deadline (the client's calendar is read for it).
   */
  private CaseView view(CaseRow row, Instant now, List<CaseView.Step> steps, Details details) {
    return new CaseView(row.caseNumber(), row.processInstanceId(),
        row.clientId() == null ? null : new CaseView.ClientRef(row.clientId(), String.valueOf(row.clientName())), row.summary(),
        details == null ? null : details.reportedBy(), row.severity(), row.state(), row.openedAt(), row.detectedAt(), row.assessedAt(),
        row.probableCause(), row.approach(), rto(row, now, details != null), new CaseView.Rpo(row.rpoStatus(), row.rpoHours(),
            row.dataLossHours()), row.acceptanceRounds(), row.restored(), row.preventionInterest(), row.closedAt(), row.outcome(), steps,
        details == null ? null : details.timeline(), details == null ? null : details.rounds(),
        details == null ? null : details.consent(), details == null ? null : details.alerts());
  }

  private CaseView.Rto rto(CaseRow row, Instant now, boolean withTimeUsed) {
    boolean unrecoverable = "unrecoverable".equals(row.approach());
    String status = RtoRule.status(row.rtoDeadline(), row.recoveredAt(), !row.open(), unrecoverable, now);
    if (row.rtoDeadline() == null) {
      return new CaseView.Rto(status, null, null, null, null, null, null, null, row.recoveredAt(), null, null, null);
    }
    Instant end = row.recoveredAt() != null ? row.recoveredAt() : now;
    Long used = null;
    if (row.recoveredAt() != null && row.rtoUsedMinutes() != null) {
      // counted once, when the client accepted (what the dashboard adds up too)
      used = row.rtoUsedMinutes().longValue();
    } else if (withTimeUsed) {
      // counted like the deadline: the client's business hours where its contract says so (the one rule of clocks.CaseClocks#rto)
      used = Math.max(0, clocks.rto(row.clientId(), row.rtoHours(), row.agreedAt(), row.rtoDeadline(), row.recoveredAt(), !row.open(),
          unrecoverable, now).used().toMinutes());
    }
    return new CaseView.Rto(status, row.rtoHours().longValue(), row.agreedAt(), row.rtoDeadline(), row.businessHours(), used,
        "running".equals(status) ? Duration.between(now, row.rtoDeadline()).toMinutes() : null,
        "breached".equals(status) ? Duration.between(row.rtoDeadline(), end).toMinutes() : null,
        row.recoveredAt(), row.rtoWarningAt(), row.rtoBreachedAt(), withTimeUsed ? countedIn(row.clientId()) : null);
  }

  private CaseView.CountedIn countedIn(String clientId) {
    CaseClocks.Counting counting = clientId == null ? null : clocks.counting(clientId);
    return counting == null ? null : new CaseView.CountedIn(counting.days(), counting.opens(), counting.closes(), counting.zone(),
        counting.holidays() == null ? null : counting.holidays().description());
  }

  /**
   * The open steps of these cases and who holds them (the assignee, else the candidate groups); a case waiting in its
   * runbook (a process it called) has its runbook's open steps.
   */
  private Map<String, List<CaseView.Step>> steps(List<String> processInstanceIds) {
    Map<String, List<CaseView.Step>> steps = new HashMap<>();
    if (processInstanceIds.isEmpty()) {
      return steps;
    }
    for (Task task : tasks.createTaskQuery().processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .orderByTaskCreateTime().asc().listPage(0, 500)) {
      steps.computeIfAbsent(task.getProcessInstanceId(), id -> new ArrayList<>()).add(step(task));
    }
    for (String id : processInstanceIds) {
      if (!steps.containsKey(id)) {
        // no step of its own: the case may be in its runbook
        for (String runbook : runbooks(id, true)) {
          currentUser.asRebound(() -> tasks.createTaskQuery().processInstanceId(runbook).orderByTaskCreateTime().asc()
              .listPage(0, 50)).forEach(task -> steps.computeIfAbsent(id, key -> new ArrayList<>()).add(step(task)));
        }
      }
    }
    return steps;
  }

  /**
   * The runbooks the case called (still running only, or all), read as Rebound: a runbook is part of the case whoever may
   * read the case, though its own process definition may grant a technician nothing.
   */
  private List<String> runbooks(String processInstanceId, boolean runningOnly) {
    return currentUser.asRebound(() -> {
      HistoricProcessInstanceQuery called = history.createHistoricProcessInstanceQuery().superProcessInstanceId(processInstanceId);
      return (runningOnly ? called.unfinished() : called).listPage(0, 5).stream().map(HistoricProcessInstance::getId).toList();
    });
  }

  private CaseView.Step step(Task task) {
    return new CaseView.Step(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getCreateTime().toInstant(),
        task.getDueDate() == null ? null : task.getDueDate().toInstant(), task.getAssignee(),
        task.getAssignee() != null ? List.of() : tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(l -> l.getGroupId() != null).map(IdentityLink::getGroupId).toList(),
        "/camunda/app/tasklist/default/#/?task=" + task.getId());
  }

  /**
   * The case's timeline from the engine's history (empty once its history was cleaned up): its start and end, its
   * steps, decisions, service steps and timers, and those of its runbook (its start and end as the runbook's), oldest
   * first; who did a step is its assignee, else whoever completed it.
   */
  private List<CaseView.Event> timeline(String processInstanceId) {
    List<CaseView.Event> events = new ArrayList<>(events(processInstanceId, false));
    for (String runbook : runbooks(processInstanceId, false)) {
      events.addAll(currentUser.asRebound(() -> events(runbook, true)));
    }
    events.sort(java.util.Comparator.comparing(CaseView.Event::startedAt));
    return events;
  }

  private List<CaseView.Event> events(String processInstanceId, boolean runbook) {
    Map<String, String> completedBy = new HashMap<>();
    history.createUserOperationLogQuery().processInstanceId(processInstanceId).operationType("Complete").listPage(0, 2000)
        .forEach(entry -> completedBy.putIfAbsent(entry.getTaskId(), entry.getUserId()));
    List<CaseView.Event> events = new ArrayList<>();
    for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().listPage(0, 2000)) {
      if (TIMELINE_TYPES.contains(a.getActivityType())) {
        String kind = KINDS.get(a.getActivityType());
        events.add(new CaseView.Event(a.getActivityId(), a.getActivityName() == null ? a.getActivityId() : a.getActivityName(),
            runbook && ("start".equals(kind) || "end".equals(kind)) ? RUNBOOK : kind,
            a.getAssignee() != null ? a.getAssignee() : completedBy.get(a.getTaskId()), a.getStartTime().toInstant(),
            a.getEndTime() == null ? null : a.getEndTime().toInstant()));
      }
    }
    return events;
  }

  /** The outbox keeps recipients as a JSON list of addresses: the page gets the list. */
  private List<String> recipients(String stored) {
    try {
      return stored == null ? List.of() : List.of(json.readValue(stored, String[].class));
    } catch (JsonProcessingException notAList) {
      return List.of(stored);
    }
  }

  private String reportedBy(String processInstanceId) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(ProcedureVariables.REPORTED_BY).listPage(0, 1).stream().findFirst()
        .map(v -> v.getValue() == null ? null : v.getValue().toString()).orElse(null);
  }

  private static CaseView.Round round(CaseRounds.Round round) {
    return new CaseView.Round(round.number(), round.openedAt(), round.closedAt(), round.closedBy(), round.closedVia(),
        round.outcome() == null ? "open" : round.outcome(), round.results().stream().map(r -> new CaseView.Result(r.testerName(),
            r.tested(), r.ok(), r.description(), r.recordedAt())).toList());
  }
}
