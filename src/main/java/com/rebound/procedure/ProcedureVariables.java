package com.rebound.procedure;

import com.rebound.cases.CaseRegistry;
import com.rebound.web.Roles;
import static com.rebound.procedure.VariableRule.choice;
import static com.rebound.procedure.VariableRule.dateTimeOrNow;
import static com.rebound.procedure.VariableRule.text;
import static com.rebound.procedure.VariableRule.wholeNumber;
import static com.rebound.procedure.VariableRule.yesNo;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract of process {@code disasterRecovery} (shared/design/procedure.md) in one place: the
 * process key, the task ids, the variable names, and what each step must set. Code and tests use
 * these constants instead of string literals.
 */
public final class ProcedureVariables {

  public static final String PROCESS_KEY = CaseRegistry.PROCESS_KEY;

  // Start of a case
  /** Start (optional, from the intake API or a script): the systems hit, as a JSON list. */
  public static final String AFFECTED_SYSTEMS = "affectedSystems";
  public static final String CASE_NUMBER = "caseNumber";
  public static final String CLIENT_ID = "clientId";
  /** Set at start from the client's profile. */
  public static final String CLIENT_NAME = "clientName";
  public static final String CLIENT_TIER = "clientTier";
  public static final String CONTRACT_RTO_HOURS = "contractRtoHours";
  public static final String CONTRACT_RPO_HOURS = "contractRpoHours";
  public static final String RESPONSE_TIME_MINUTES = "responseTimeMinutes";
  /** When the case was opened in Rebound (the response clock counts from here). */
  public static final String OPENED_AT = "openedAt";
  /** When 75% of the agreed RTO had passed, and when all of it had (set by the RTO clock). */
  public static final String RTO_WARNING_AT = "rtoWarningAt";
  public static final String RTO_BREACHED_AT = "rtoBreachedAt";
  /** Set by the DMN decision {@code severity} after the assessment. */
  public static final String PROPOSED_RTO_HOURS = "proposedRtoHours";
  public static final String PROPOSED_RPO_HOURS = "proposedRpoHours";
  public static final String REPORTED_BY = "reportedBy";
  public static final String SUMMARY = "summary";
  public static final String DETECTED_AT = "detectedAt";
  // assessImpact
  public static final String IMPACT_LEVEL = "impactLevel";
  public static final String USERS_AFFECTED = "usersAffected";
  public static final String DATA_LOSS_SUSPECTED = "dataLossSuspected";
  public static final String PROBABLE_CAUSE = "probableCause";
  public static final String DAMAGED_SCOPE = "damagedScope";
  /** assessImpact (optional): the kinds of systems hit (a checklist: fileServer, email, database...), for "Seen before". */
  public static final String SYSTEMS_HIT = "systemsHit";
  /** Set after the assessment (task findSimilarCases): the most similar reviewed past cases, as text for the next forms. */
  public static final String SEEN_BEFORE = "seenBefore";
  // agreeObjectives
  public static final String RTO_HOURS = "rtoHours";
  public static final String RPO_HOURS = "rpoHours";
  public static final String APPROACH = "approach";
  public static final String AGREED_WITH = "agreedWith";
  public static final String AGREED_AT = "agreedAt";
  // recover, verifyInternally, clientAcceptance, reviewStrategy
  public static final String RECOVERY_OUTCOME = "recoveryOutcome";
  public static final String INTERNAL_CHECK_PASSED = "internalCheckPassed";
  public static final String CLIENT_ACCEPTED = "clientAccepted";
  public static final String ACCEPTANCE_ISSUES = "acceptanceIssues";
  public static final String ACCEPTANCE_ROUNDS = "acceptanceRounds";
  public static final String STRATEGY = "strategy";
  // assessRestoration
  public static final String RESTORATION_METHOD = "restorationMethod";
  public static final String EXPECTED_DATA_LOSS = "expectedDataLoss";
  public static final String CLIENT_CONSENTED = "clientConsented";
  /** Who at the client gave or refused the consent (the form's field; set by the consent page too). */
  public static final String CONSENT_GIVEN_BY = "consentGivenBy";
  // postIncidentReview, offerPrevention
  public static final String ROOT_CAUSE = "rootCause";
  public static final String LESSONS_LEARNED = "lessonsLearned";
  public static final String ACTION_ITEMS = "actionItems";
  public static final String CLIENT_INTEREST = "clientInterest";
  /** verifyInternally (optional): what the client's users should test, and how much recent data was lost. */
  public static final String TEST_INSTRUCTIONS = "testInstructions";
  public static final String DATA_LOSS_HOURS = "dataLossHours";
  /** What the client's users recorded so far in the current acceptance round (set by the acceptance page). */
  public static final String CLIENT_TEST_RESULTS = "clientTestResults";
  /** Who answered the client's last round (acceptance or consent), and how: "link" (the client's page) or "tasklist". */
  /** The longest text a step may write: Camunda keeps a text variable in a 4,000-character column. */
  public static final int MAX_TEXT = 4000;
  public static final String ANSWERED_BY = "clientAnsweredBy";
  public static final String ANSWERED_VIA = "clientAnsweredVia";
  /** assessRestoration: true to ask the client's consent through a link (task clientConsent) instead of recording it. */
  public static final String ASK_CONSENT_BY_LINK = "askConsentByLink";
  /** Set at start from the client's profile: the language to write to the client in, and its protections (comma-separated). */
  public static final String CLIENT_LANGUAGE = "clientLanguage";
  public static final String CLIENT_PROTECTIONS = "clientProtections";
  /** postIncidentReview: what went well (text; lessonsLearned is what to improve); actionItems is a list of {what, owner, dueDate}. */
  public static final String WENT_WELL = "wentWell";
  /** The technician who holds the case: its next technicians' steps are theirs (Rebound keeps it; a hand-over moves it). */
  public static final String CASE_TECHNICIAN = "caseTechnician";
  /** What the technician did: the recovery's notes, or the restoration's (reinstalled in situ, or the virtual machine). */
  public static final String RECOVERY_NOTES = "recoveryNotes";
  public static final String REINSTALL_NOTES = "reinstallNotes";
  public static final String VM_DETAILS = "vmDetails";
  /** What the assessment found: a disaster (the default when left out), or a false alarm, no disaster, a duplicate. */
  public static final String ASSESSMENT_OUTCOME = "assessmentOutcome";
  public static final String DISASTER = "disaster";
  /** The assessment outcomes that close the case at once, without objectives or recovery. */
  private static final String[] DISMISSED_AS = {"falseAlarm", "notADisaster", "duplicate"};
  public static final Set<String> DISMISSALS = Set.of(DISMISSED_AS);
  /** Why the case was closed without a recovery (required with a dismissal). */
  public static final String DISMISSAL_REASON = "dismissalReason";
  /** The case this one repeats (with the outcome duplicate). */
  public static final String DUPLICATE_OF = "duplicateOf";
  /** True when a monitor's alert opened the case: the client hears of it once a technician has confirmed the disaster. */
  public static final String OPENED_BY_MONITOR = "openedByMonitor";
  /** The manager shares the review (root cause, what went well, what to improve, action items) with the client's report. */
  public static final String SHARE_REVIEW = "shareReviewWithClient";
  /** Set by the DMN decision {@code prevention}: the recommended solutions' codes (comma-separated) and why, for the manager. */
  public static final String PREVENTION_RECOMMENDATIONS = "preventionRecommendations";
  /** What the manager offered (offerPrevention's checklist). */
  public static final String PREVENTION_OFFERED = "preventionOffered";
  /** After how many days a client still considering the offer is asked again (offerPrevention's input, in the model). */
  public static final String PREVENTION_FOLLOW_UP_DAYS = "preventionFollowUpDays";
  public static final String PREVENTION_ADVICE = "preventionAdvice";
  /** Set with them: how many past cases of this client and of clients like it each solution would have avoided or shortened. */
  public static final String PREVENTION_HISTORY = "preventionHistory";
  /** Set by the application (DMN, a later issue); shown in Tasklist when known. */
  public static final String SEVERITY = "severity";
  /** Set by the decision {@code runbook} before the recovery: the runbook's process id under bpmn/runbooks/, and its name. */
  public static final String RUNBOOK = "runbook";
  /** Every runbook's process id begins so (bpmn/runbooks/). */
  public static final String RUNBOOK_PREFIX = "runbook";
  public static final String RUNBOOK_NAME = "runbookName";
  /** After the ransomware runbook: what the internal check looked for that the attackers may have left, and found. */
  public static final String PERSISTENCE_CHECK = "persistenceCheck";
  /** The ransomware runbook's restore point (bpmn/runbooks/ransomware-restore-point.form): when it was taken, and its verdict. */
  public static final String RESTORE_POINT_TAKEN_AT = "restorePointTakenAt";
  public static final String RESTORE_POINT_VERDICT = "restorePointVerdict";
  public static final String CLEAN = "clean";
  /** The runbook after which the internal check must look for the attackers' persistence. */
  public static final String RANSOMWARE_RUNBOOK = "runbookRansomware";
  /** Set when the case's runbook has ended: it runs once a case, not again when objectives are agreed again. */
  public static final String RUNBOOK_DONE = "runbookDone";
  /**
   * The case's legal facts, raised by any step (a checkbox once ticked stays raised): they and the client's profile
   * start the law's clocks (package legal, decision legalObligations). nis2Applies and doraApplies come from the profile at
   * the case's start, so the steps ask about NIS2 and DORA only where they apply.
   */
  public static final String PERSONAL_DATA_AFFECTED = "personalDataAffected";
  public static final String HIGH_RISK_TO_PEOPLE = "highRiskToPeople";
  public static final String SIGNIFICANT_INCIDENT = "significantIncident";
  public static final String MAJOR_INCIDENT = "majorIncident";
  public static final java.util.List<String> LEGAL_FACTS = java.util.List.of(PERSONAL_DATA_AFFECTED, HIGH_RISK_TO_PEOPLE,
      SIGNIFICANT_INCIDENT, MAJOR_INCIDENT);
  /** The process of one legal obligation of a case (package legal); its steps are checked against their forms. */
  public static final String LEGAL_OBLIGATION_PROCESS = "legalObligation";
  public static final String NIS2_APPLIES = "nis2Applies";
  public static final String DORA_APPLIES = "doraApplies";

  /**
   * Markdown Rebound writes for the forms (links to past cases, bold names), shown as Markdown: what people typed in
   * it is stripped of markup when it is written. Every other text variable is shown escaped, exactly as typed.
   */
  public static final java.util.Set<String> REBOUND_MARKDOWN = java.util.Set.of(SEEN_BEFORE, PREVENTION_HISTORY, PREVENTION_ADVICE);

  /** Task ids of the contract. */
  public static final class Tasks {
    public static final String ASSESS_IMPACT = "assessImpact";
    public static final String AGREE_OBJECTIVES = "agreeObjectives";
    public static final String RECOVER = "recover";
    public static final String VERIFY_INTERNALLY = "verifyInternally";
    public static final String CLIENT_ACCEPTANCE = "clientAcceptance";
    public static final String REVIEW_STRATEGY = "reviewStrategy";
    public static final String ASSESS_RESTORATION = "assessRestoration";
    public static final String REINSTALL_IN_SITU = "reinstallInSitu";
    public static final String RESTORE_TO_VM = "restoreToVm";
    public static final String INFORM_UNRECOVERABLE = "informUnrecoverable";
    public static final String POST_INCIDENT_REVIEW = "postIncidentReview";
    public static final String OFFER_PREVENTION = "offerPrevention";
    /** The contracted response time passed before the assessment was done. */
    public static final String ALERT_LATE_RESPONSE = "alertLateResponse";
    /** The client has not answered the acceptance request for a while. */
    public static final String REMIND_CLIENT = "remindClient";
    /** The agreed RTO has passed before the client accepted. */
    public static final String HANDLE_RTO_BREACH = "handleRtoBreach";
    /** The client consents to the restoration (or refuses), through their link or as recorded by a technician. */
    public static final String CLIENT_CONSENT = "clientConsent";

    private Tasks() {
    }
  }

  /** Candidate group of each contract task. */
  public static final Map<String, String> CANDIDATE_GROUPS = Map.ofEntries(
      Map.entry(Tasks.ASSESS_IMPACT, Roles.TECHNICIANS),
      Map.entry(Tasks.AGREE_OBJECTIVES, Roles.TECHNICIANS),
      Map.entry(Tasks.RECOVER, Roles.TECHNICIANS),
      Map.entry(Tasks.VERIFY_INTERNALLY, Roles.TECHNICIANS),
      Map.entry(Tasks.CLIENT_ACCEPTANCE, Roles.TECHNICIANS),
      Map.entry(Tasks.REVIEW_STRATEGY, Roles.MANAGERS),
      Map.entry(Tasks.ASSESS_RESTORATION, Roles.TECHNICIANS),
      Map.entry(Tasks.REINSTALL_IN_SITU, Roles.TECHNICIANS),
      Map.entry(Tasks.RESTORE_TO_VM, Roles.TECHNICIANS),
      Map.entry(Tasks.INFORM_UNRECOVERABLE, Roles.MANAGERS),
      Map.entry(Tasks.POST_INCIDENT_REVIEW, Roles.MANAGERS),
      Map.entry(Tasks.OFFER_PREVENTION, Roles.MANAGERS),
      Map.entry(Tasks.ALERT_LATE_RESPONSE, Roles.MANAGERS),
      Map.entry(Tasks.REMIND_CLIENT, Roles.TECHNICIANS),
      Map.entry(Tasks.HANDLE_RTO_BREACH, Roles.MANAGERS),
      Map.entry(Tasks.CLIENT_CONSENT, Roles.TECHNICIANS));

  public static final String START = "start";

  /** What each step must leave in the case; the key is the task id, or {@link #START}. */
  static final Map<String, List<VariableRule>> RULES = Map.ofEntries(
      Map.entry(START, List.of(text(CLIENT_ID), text(REPORTED_BY), text(SUMMARY), dateTimeOrNow(DETECTED_AT),
          yesNo(PERSONAL_DATA_AFFECTED).optional())),
      Map.entry(Tasks.ASSESS_IMPACT, List.of(
          choice(ASSESSMENT_OUTCOME, DISASTER, "falseAlarm", "notADisaster", "duplicate").optional(),
          text(DISMISSAL_REASON).onlyWhenOneOf(ASSESSMENT_OUTCOME, DISMISSED_AS),
          text(DUPLICATE_OF).onlyWhen(ASSESSMENT_OUTCOME, "duplicate"),
          choice(IMPACT_LEVEL, "total", "major", "partial", "minor").unlessOneOf(ASSESSMENT_OUTCOME, DISMISSED_AS),
          wholeNumber(USERS_AFFECTED, 0, 1_000_000).unlessOneOf(ASSESSMENT_OUTCOME, DISMISSED_AS),
          yesNo(DATA_LOSS_SUSPECTED).unlessOneOf(ASSESSMENT_OUTCOME, DISMISSED_AS),
          choice(PROBABLE_CAUSE, "hardware", "ransomware", "humanError", "software", "power", "naturalDisaster", "providerOutage",
              "other")
              .unlessOneOf(ASSESSMENT_OUTCOME, DISMISSED_AS),
          text(DAMAGED_SCOPE).unlessOneOf(ASSESSMENT_OUTCOME, DISMISSED_AS))),
      Map.entry(Tasks.AGREE_OBJECTIVES, List.of(
          wholeNumber(RTO_HOURS, 1, 8760),
          wholeNumber(RPO_HOURS, 0, 8760),
          choice(APPROACH, "recover", "restore", "unrecoverable"),
          text(AGREED_WITH),
          dateTimeOrNow(AGREED_AT))),
      Map.entry(Tasks.RECOVER, List.of(choice(RECOVERY_OUTCOME, "done", "needsRestoration"))),
      Map.entry(Tasks.VERIFY_INTERNALLY, List.of(yesNo(INTERNAL_CHECK_PASSED), text(TEST_INSTRUCTIONS).optional(),
          wholeNumber(DATA_LOSS_HOURS, 0, 87_600).optional(),
          // before the systems go back to work after ransomware: what the attackers may have left behind
          text(PERSISTENCE_CHECK).onlyWhen(RUNBOOK, RANSOMWARE_RUNBOOK))),
      Map.entry(Tasks.CLIENT_ACCEPTANCE, List.of(
          yesNo(CLIENT_ACCEPTED),
          text(ACCEPTANCE_ISSUES).onlyWhen(CLIENT_ACCEPTED, Boolean.FALSE))),
      Map.entry(Tasks.REVIEW_STRATEGY, List.of(choice(STRATEGY, "keepRecovering", "restore"))),
      Map.entry(Tasks.ASSESS_RESTORATION, List.of(
          choice(RESTORATION_METHOD, "inSitu", "virtualMachine"),
          text(EXPECTED_DATA_LOSS),
          yesNo(ASK_CONSENT_BY_LINK).optional(),
          yesNo(CLIENT_CONSENTED).unlessTrue(ASK_CONSENT_BY_LINK))),
      Map.entry(Tasks.CLIENT_CONSENT, List.of(yesNo(CLIENT_CONSENTED))),
      Map.entry(Tasks.POST_INCIDENT_REVIEW, List.of(text(ROOT_CAUSE), text(LESSONS_LEARNED), text(WENT_WELL).optional(),
          yesNo(SHARE_REVIEW).optional())),
      Map.entry(Tasks.OFFER_PREVENTION, List.of(choice(CLIENT_INTEREST, "accepted", "declined", "considering"))),
      Map.entry(Tasks.ALERT_LATE_RESPONSE, List.of(text("lateResponseAction"))),
      Map.entry(Tasks.REMIND_CLIENT, List.of(text("reminderNote"))),
      Map.entry(Tasks.HANDLE_RTO_BREACH, List.of(text("rtoBreachMessage"))));

  private ProcedureVariables() {
  }
}
