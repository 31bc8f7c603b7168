package com.rebound.reports;

import com.rebound.clocks.CaseClocks;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the final report of a case says, gathered from the case's history (see {@link CaseReports}). */
record CaseReport(String caseNumber, String processInstanceId, String state, String outcome, Instant openedAt, Instant closedAt,
    Map<String, Object> variables, Rto rto, Rpo rpo, List<Round> rounds, Round consent, List<Step> timeline, List<Change> changes,
    List<MonitorAlert> alerts,
    List<Action> actionItems, boolean reviewShared, List<String> recommendations, CaseClocks.Counting counting, Legal legal,
    Conversation conversation) {

  /** The e-mail conversation with the client: how many messages each way, and them in full when the provider chooses. */
  record Conversation(int fromClient, int fromUs, List<Said> messages) {
  }

  /** One message of the conversation. */
  record Said(Instant at, boolean ours, String who, String text) {
  }

  /** The law's clocks of the case: the moment of awareness and each obligation as it stands; null when it was no legal event. */
  record Legal(Instant awareAt, List<Obligation> obligations) {
  }

  /** One legal obligation: what, for whom, who files it, its deadline, and whether and when it was filed. */
  record Obligation(String regime, String duty, String authority, String responsible, Instant dueAt, String state, Instant doneAt,
      String reference, String doneBy, String note) {
  }

  /** Agreed against actual recovery time. */
  record Rto(String status, double agreedHours, double usedHours, double breachedByHours, Instant agreedAt, Instant deadline,
      Instant acceptedAt) {
  }

  /** Agreed against actual data loss. */
  record Rpo(String status, Long agreedHours, Long lostHours) {
  }

  /** One round asked of the client (acceptance, consent): outcome, who answered how (Rebound's record of the round), and what the client's users found. */
  record Round(int number, String outcome, String answeredBy, String answeredVia, Instant answeredAt, List<Test> tests,
      String issues) {
  }

  /** One user's test in a round. */
  record Test(String testerName, String tested, boolean ok, String description) {
  }

  /** One step of the case. */
  record Step(String activityId, String name, String who, Instant started, Instant ended) {
  }

  /** A change an administrator made to the case outside its steps (moved it, wrote a variable): who, when, why. */
  record Change(String operation, String detail, String who, Instant at, String why) {
  }

  /** A monitoring alert attached to the case: what it said, when first and last seen, how many times, firing or back. */
  record MonitorAlert(String name, String summary, String status, boolean openedTheCase, Instant firstSeen, Instant lastSeen,
      int timesSeen, Instant resolvedAt) {
  }

  /** An action item of the post-incident review. */
  /** An action item: as the review gave it and, once tracked, where it stands (open, done, dropped), who closed it when, and why dropped. */
  record Action(String what, String owner, String due, String state, String closedBy, Instant closedAt, String dropReason) {
  }
}
