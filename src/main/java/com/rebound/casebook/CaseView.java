package com.rebound.casebook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import com.rebound.alerts.CaseAlerts;

/**
 * What a case is, the one view every door shows: {@code /api/cases/{n}} and {@code /api/incidents/{n}}, the
 * console and the final report (see {@link CaseBook#view}). Its facts each have one rule: the state, the outcome and
 * the moment the client accepted come from the case's row ({@code rebound_case}), the RTO status from
 * {@code clocks.RtoRule}, the timeline from the engine's history ({@link CaseBook#TIMELINE_TYPES}), the rounds from
 * the client's answers as Rebound recorded them. A list shows the case without timeline, rounds, reporter and alerts.
 */
public record CaseView(String caseNumber, String processInstanceId, ClientRef client, String summary,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reportedBy, String severity, String state, Instant openedAt,
    Instant detectedAt, Instant assessedAt, String probableCause, String approach, Rto rto, Rpo rpo, int acceptanceRounds,
    boolean restored, String preventionInterest, Instant closedAt, String outcome, List<Step> currentSteps,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Event> timeline, @JsonInclude(JsonInclude.Include.NON_NULL) List<Round> rounds,
    @JsonInclude(JsonInclude.Include.NON_NULL) Round consent,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<CaseAlerts.Alert> alerts) {

  /** The same case with its steps (the open ones, the timeline's) named by {@code name}, given a step's id and the model's name. */
  public CaseView withStepNames(java.util.function.BinaryOperator<String> name) {
    return new CaseView(caseNumber, processInstanceId, client, summary, reportedBy, severity, state, openedAt, detectedAt, assessedAt,
        probableCause, approach, rto, rpo, acceptanceRounds, restored, preventionInterest, closedAt, outcome,
        currentSteps == null ? null : currentSteps.stream().map(s -> new Step(s.taskId(), s.step(), name.apply(s.step(), s.name()),
            s.since(), s.due(), s.assignee(), s.candidateGroups(), s.tasklist())).toList(),
        timeline == null ? null : timeline.stream().map(e -> new Event(e.step(), name.apply(e.step(), e.name()), e.kind(), e.by(),
            e.startedAt(), e.endedAt())).toList(), rounds, consent, alerts);
  }

  /** The client of the case. */
  public record ClientRef(String id, String name) {
  }

  /**
   * The case against its agreed RTO: the deadline the timers were given, the time used counted like it (on a case's
   * page; business hours where the contract says so), left while running, late once breached, in whole minutes.
   * {@code recoveredAt} is when the client accepted the recovery.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rto(String status, Long hours, Instant agreedAt, Instant deadline, Boolean countsBusinessHours, Long usedMinutes,
      Long minutesLeft, Long breachedByMinutes, Instant recoveredAt, Instant warningAt, Instant breachedAt, CountedIn countedIn) {
  }

  /** The business hours a case's clocks count in (on a case's page, when its contract says so), and the holidays skipped. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CountedIn(String days, String opens, String closes, String zone, String holidays) {
  }

  /** The data lost against the agreed RPO: met, exceeded or unknown (either number missing). */
  public record Rpo(String status, Integer hours, Integer dataLossHours) {
  }

  /** An open step and who holds it (the assignee, else the candidate groups). */
  public record Step(String taskId, String step, String name, Instant since, Instant due, String assignee,
      List<String> candidateGroups, String tasklist) {
  }

  /**
   * One moment of the case's timeline and who did it: {@code kind} is {@code start}, {@code step} (a person's),
   * {@code decision}, {@code automatic} (a step Rebound runs), {@code timer} or {@code end}.
   */
  public record Event(String step, String name, String kind, String by, Instant startedAt, Instant endedAt) {

    /** True for what the client's report shows: the case's start and end and the people's steps. */
    public boolean forTheClient() {
      return "start".equals(kind) || "step".equals(kind) || "end".equals(kind);
    }
  }

  /** A round asked of the client (acceptance test or consent) as Rebound recorded it, with each user's result. */
  public record Round(int round, Instant openedAt, Instant closedAt, String answeredBy, String answeredVia, String outcome,
      List<Result> results) {
  }

  /** One user's result in a round. */
  public record Result(String tester, String tested, boolean ok, String description, Instant recordedAt) {
  }
}
