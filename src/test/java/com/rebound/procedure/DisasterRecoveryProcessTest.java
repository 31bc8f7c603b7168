package com.rebound.procedure;

import static com.rebound.procedure.ProcedureVariables.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.rebound.procedure.ProcedureVariables.Tasks;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code disasterRecovery}, walked as technicians and managers would in Tasklist. The
 * class must cover every flow node and sequence flow of the model.
 */
@Deployment(resources = {
    "bpmn/disaster-recovery.bpmn", "bpmn/start-disaster-reported.form", "bpmn/assess-impact.form",
    "bpmn/agree-objectives.form", "bpmn/recover.form", "bpmn/verify-internally.form",
    "bpmn/client-acceptance.form", "bpmn/review-strategy.form", "bpmn/assess-restoration.form",
    "bpmn/reinstall-in-situ.form", "bpmn/restore-to-vm.form", "bpmn/inform-unrecoverable.form",
    "bpmn/post-incident-review.form", "bpmn/offer-prevention.form", "bpmn/severity.dmn",
    "bpmn/alert-late-response.form", "bpmn/remind-client.form", "bpmn/handle-rto-breach.form",
    "bpmn/client-consent.form", "bpmn/prevention.dmn", "procedure-tests/runbook-generic.dmn", "bpmn/runbooks/generic.bpmn"})
class DisasterRecoveryProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration("process-test"))
      .assertClassCoverageAtLeast(1.0)
      .build();

  @BeforeEach
  void initAssertions() {
    init(engine.getProcessEngine());
    ProcessTestEngine.CALLS.clear();
    ProcessTestEngine.STEPS.clear();
  }

  // ---- the paths of the procedure

  @Test
  void happyPath_recoverVerifyAcceptReviewOffer() {
    ProcessInstance pi = reportDisaster("DR-2026-0042");
    assess(pi);
    agree(pi, "recover");
    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().hasPassedInOrder(Tasks.ASSESS_IMPACT, Tasks.AGREE_OBJECTIVES, Tasks.RECOVER,
        Tasks.VERIFY_INTERNALLY, Tasks.CLIENT_ACCEPTANCE, Tasks.POST_INCIDENT_REVIEW, Tasks.OFFER_PREVENTION);
    assertThat(pi).hasNotPassed(Tasks.REVIEW_STRATEGY, Tasks.ASSESS_RESTORATION, Tasks.INFORM_UNRECOVERABLE);
    assertThat(pi).variables().containsEntry(ACCEPTANCE_ROUNDS, 1L).containsEntry(CASE_NUMBER, "DR-2026-0042");
    assertCompletedInHistory(pi);
    Assertions.assertThat(ProcessTestEngine.CALLS).as("the client is told at each step (the opening again once the disaster is "
        + "confirmed: the same message, sent once; held until then when a monitor opened the case)").containsExactly(
        "notifyCaseOpened@StartEvent_DisasterReported", "notifyCaseOpened@Gateway_IsDisaster", "notifyObjectivesAgreed@agreeObjectives", "openClientRound@clientAcceptance",
        "closeClientRound@clientAcceptance", "notifyCaseClosed@EndEvent_CaseClosed");
  }

  @Test
  void preventionIsRecommendedFromTheCauseAndTheClientsProtections() {
    // Gestoría López has backups and endpoint protection, nothing off site, no monitoring; the cause was hardware
    ProcessInstance pi = startAndAgree("unrecoverable");
    complete(task(), withVariables("unrecoverableExplanation", "Disk destroyed"));
    review(pi);
    assertThat(pi).isWaitingAt(Tasks.OFFER_PREVENTION).hasPassed("recommendPrevention");
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), PREVENTION_RECOMMENDATIONS))
        .isEqualTo("offsiteCopy,monitoring,hardwareRenewal");
    Assertions.assertThat((String) runtimeService().getVariable(pi.getId(), PREVENTION_ADVICE))
        .contains("Off-site or cloud copy", "Monitoring of disks", "Renewal plan for ageing hardware")
        .doesNotContain("Managed endpoint protection");
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), "preventionDecision")).as("the raw decision stays local").isNull();
  }

  @Test
  void theClientConsentsThroughItsLink_thenTheSystemsAreRestored() {
    ProcessInstance pi = startAndAgree("restore");
    assertThat(pi).isWaitingAt(Tasks.ASSESS_RESTORATION);
    complete(task(), withVariables(RESTORATION_METHOD, "virtualMachine", EXPECTED_DATA_LOSS, "Changes since Sunday 22:00",
        ASK_CONSENT_BY_LINK, true));
    assertThat(pi).isWaitingAt(Tasks.CLIENT_CONSENT);
    assertThat(task()).hasCandidateGroup("technicians");
    Assertions.assertThat(ProcessTestEngine.CALLS).contains("openClientRound@clientConsent");
    complete(task(), withVariables(CLIENT_CONSENTED, true, "consentGivenBy", "Luisa López"));
    assertThat(pi).isWaitingAt(Tasks.RESTORE_TO_VM);
    Assertions.assertThat(ProcessTestEngine.CALLS).contains("closeClientRound@clientConsent");
  }

  @Test
  void aConsentThatIsNeitherRecordedNorAskedIsRefused() {
    ProcessInstance pi = startAndAgree("restore");
    Task task = task();
    Assertions.assertThatThrownBy(() -> taskService().complete(task.getId(), withVariables(RESTORATION_METHOD, "inSitu",
            EXPECTED_DATA_LOSS, "Changes since Sunday")))
        .hasMessageContaining("clientConsented is required when askConsentByLink is not true");
    assertThat(pi).isWaitingAt(Tasks.ASSESS_RESTORATION);
  }

  @Test
  void failedInternalCheckGoesBackToRecovery_thenPasses() {
    ProcessInstance pi = startAndAgree("recover");
    recover(pi, "done");
    verify(pi, false);
    assertThat(pi).isWaitingAt(Tasks.RECOVER);
    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded();
    Assertions.assertThat(timesPassed(pi, Tasks.RECOVER)).isEqualTo(2);
    Assertions.assertThat(timesPassed(pi, Tasks.VERIFY_INTERNALLY)).isEqualTo(2);
    assertCompletedInHistory(pi);
  }

  @Test
  void clientRejectsThenAccepts_roundsAreCounted() {
    ProcessInstance pi = startAndAgree("recover");
    recover(pi, "done");
    verify(pi, true);
    reject(pi, "Accounting cannot open the 2026 ledger");
    assertThat(pi).isWaitingAt(Tasks.RECOVER).variables()
        .containsEntry(ACCEPTANCE_ROUNDS, 1L)
        .containsEntry(ACCEPTANCE_ISSUES, "Accounting cannot open the 2026 ledger");
    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().variables().containsEntry(ACCEPTANCE_ROUNDS, 2L).containsEntry(CLIENT_ACCEPTED, true);
    assertCompletedInHistory(pi);
  }

  @Test
  void threeRejections_managerKeepsRecovering() {
    ProcessInstance pi = startAndAgree("recover");
    rejectThreeRounds(pi);
    assertThat(task()).hasCandidateGroup("managers");
    complete(task(), withVariables(STRATEGY, "keepRecovering", "strategyReason", "One share left; fix it"));
    assertThat(pi).isWaitingAt(Tasks.RECOVER);
    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().variables().containsEntry(ACCEPTANCE_ROUNDS, 4L);
    assertCompletedInHistory(pi);
  }

  @Test
  void threeRejections_managerSwitchesToRestoration() {
    ProcessInstance pi = startAndAgree("recover");
    rejectThreeRounds(pi);
    complete(task(), withVariables(STRATEGY, "restore", "strategyReason", "The file server keeps corrupting data"));
    assertThat(pi).isWaitingAt(Tasks.ASSESS_RESTORATION);
    assessRestoration(pi, "virtualMachine", true);
    assertThat(pi).isWaitingAt(Tasks.RESTORE_TO_VM);
    complete(task(), withVariables("vmDetails", "vm-fs01 on host hv2, data from Sunday's backup"));
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().hasPassed(Tasks.REVIEW_STRATEGY, Tasks.RESTORE_TO_VM);
    assertCompletedInHistory(pi);
  }

  @Test
  void recoveryNeedsRestoration_reinstallInSitu() {
    ProcessInstance pi = startAndAgree("recover");
    recover(pi, "needsRestoration");
    assertThat(pi).isWaitingAt(Tasks.ASSESS_RESTORATION);
    assessRestoration(pi, "inSitu", true);
    assertThat(pi).isWaitingAt(Tasks.REINSTALL_IN_SITU);
    assertThat(task()).hasCandidateGroup("technicians");
    complete(task(), withVariables("reinstallNotes", "Windows Server reinstalled, data from last night's backup"));
    assertThat(pi).isWaitingAt(Tasks.VERIFY_INTERNALLY);
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().hasPassed(Tasks.REINSTALL_IN_SITU).hasNotPassed(Tasks.RESTORE_TO_VM);
    assertCompletedInHistory(pi);
  }

  @Test
  void restoreToVirtualMachineAgreedInTheObjectives() {
    ProcessInstance pi = startAndAgree("restore");
    assertThat(pi).isWaitingAt(Tasks.ASSESS_RESTORATION);
    assessRestoration(pi, "virtualMachine", true);
    complete(task(), withVariables("vmDetails", "vm-erp on the office NAS"));
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().hasPassed(Tasks.RESTORE_TO_VM).hasNotPassed(Tasks.RECOVER);
    assertCompletedInHistory(pi);
  }

  @Test
  void clientRefusesRestoration_objectivesAreAgreedAgain() {
    ProcessInstance pi = startAndAgree("restore");
    assessRestoration(pi, "inSitu", false);
    assertThat(pi).isWaitingAt(Tasks.AGREE_OBJECTIVES);
    agree(pi, "recover");
    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().hasNotPassed(Tasks.REINSTALL_IN_SITU, Tasks.RESTORE_TO_VM);
    Assertions.assertThat(timesPassed(pi, Tasks.AGREE_OBJECTIVES)).isEqualTo(2);
    assertCompletedInHistory(pi);
  }

  @Test
  void theAssessmentFindsAFalseAlarm_theCaseIsDismissedAtOnce() {
    ProcessInstance pi = reportDisaster("DR-2026-0050");
    complete(task(), withVariables(ASSESSMENT_OUTCOME, "falseAlarm", DISMISSAL_REASON, "The server was rebooting for an update"));

    assertThat(pi).isEnded().hasPassed("EndEvent_CaseDismissed").hasNotPassed("findSimilarCases", Tasks.AGREE_OBJECTIVES);
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getEndActivityId()).isEqualTo("EndEvent_CaseDismissed");
    Assertions.assertThat(ProcessTestEngine.CALLS).as("the client told it was open is told why it is closed").containsExactly(
        "notifyCaseOpened@StartEvent_DisasterReported", "notifyCaseDismissed@EndEvent_CaseDismissed");
  }

  @Test
  void aDismissalNeedsItsReason_aDuplicateTheOtherCase_andNothingElseOfTheAssessment() {
    reportDisaster("DR-2026-0051");
    String id = task().getId();
    Assertions.assertThatThrownBy(() -> taskService().complete(id, withVariables(ASSESSMENT_OUTCOME, "duplicate")))
        .hasMessageContaining("dismissalReason is required").hasMessageContaining("duplicateOf is required")
        .hasMessageNotContaining("impactLevel");
    Assertions.assertThatThrownBy(() -> taskService().complete(id, withVariables(ASSESSMENT_OUTCOME, "maybe")))
        .hasMessageContaining("assessmentOutcome must be one of");
    assertThat(task()).as("nothing changed").isNotNull().hasDefinitionKey(Tasks.ASSESS_IMPACT);
  }

  @Test
  void unrecoverable_informThenReviewAndOffer() {
    ProcessInstance pi = startAndAgree("unrecoverable");
    assertThat(pi).isWaitingAt(Tasks.INFORM_UNRECOVERABLE);
    assertThat(task()).hasCandidateGroup("managers");
    complete(task(), withVariables("unrecoverableExplanation", "The disk is physically destroyed; no backup existed"));
    review(pi);
    offerPrevention(pi);

    assertThat(pi).isEnded().hasNotPassed(Tasks.RECOVER, Tasks.CLIENT_ACCEPTANCE);
    assertCompletedInHistory(pi);
  }

  @Test
  void severityAndProposalComeFromTheDecisionTable_SEV1IsAgreedByAManager() {
    Map<String, Object> start = startVariables();
    start.put(CLIENT_ID, "northwind-logistics");
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "DR-2026-0400", start);
    complete(task(pi), withVariables(IMPACT_LEVEL, "total", USERS_AFFECTED, 180L, DATA_LOSS_SUSPECTED, true,
        PROBABLE_CAUSE, "ransomware", DAMAGED_SCOPE, "Every warehouse terminal encrypted"));

    assertThat(pi).isWaitingAt(Tasks.AGREE_OBJECTIVES).hasPassed("decideSeverity");
    assertThat(task(pi)).hasCandidateGroup("managers");
    assertThat(pi).variables().containsEntry(SEVERITY, "SEV1").containsEntry(PROPOSED_RTO_HOURS, 4L)
        .containsEntry(PROPOSED_RPO_HOURS, 1L).containsEntry(RTO_HOURS, 4L).containsEntry(RPO_HOURS, 1L)
        .containsEntry(CLIENT_TIER, "critical").doesNotContainKey("severityDecision");
    complete(task(pi), withVariables(RTO_HOURS, 6L, RPO_HOURS, 1L, APPROACH, "unrecoverable", AGREED_WITH, "Emma Clarke"));
    assertThat(pi).variables().containsEntry(RTO_HOURS, 6L);
  }

  @Test
  void anOrdinaryCaseIsAgreedByATechnicianWithTheContractsObjectives() {
    ProcessInstance pi = reportDisaster("DR-2026-0401");
    complete(task(pi), withVariables(IMPACT_LEVEL, "partial", USERS_AFFECTED, 2L, DATA_LOSS_SUSPECTED, false,
        PROBABLE_CAUSE, "humanError", DAMAGED_SCOPE, "One shared folder"));
    assertThat(task(pi)).hasCandidateGroup("technicians");
    assertThat(pi).variables().containsEntry(SEVERITY, "SEV4").containsEntry(PROPOSED_RTO_HOURS, 8L).containsEntry(PROPOSED_RPO_HOURS, 4L);
  }

  // ---- the clocks

  @Test
  void lateAssessmentAlertsManagers_countingOnlyTheClientsBusinessHours() {
    // Friday 17:30 in Madrid; Gestoría López has 60 minutes of response time, office hours only
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 11, 27, 17, 30, 0, 0, ZoneId.of("Europe/Madrid")).toInstant()));
    ProcessInstance pi = reportDisaster("DR-2026-0500");
    Job responseClock = managementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    Assertions.assertThat(responseClock.getDuedate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 11, 30, 8, 30, 0, 0, ZoneId.of("Europe/Madrid")).toInstant());

    execute(responseClock);

    assertThat(pi).isWaitingAt(Tasks.ASSESS_IMPACT, Tasks.ALERT_LATE_RESPONSE);
    Task alert = task(Tasks.ALERT_LATE_RESPONSE, pi);
    assertThat(alert).hasCandidateGroup("managers");
    complete(alert, withVariables("lateResponseAction", "Tomás takes it now; Luisa was called"));
    assess(pi);
    assertThat(pi).isWaitingAt(Tasks.AGREE_OBJECTIVES).hasPassed("EndEvent_LateResponseHandled");
  }

  @Test
  void anAssessmentInTimeStopsTheResponseClock() {
    ProcessInstance pi = reportDisaster("DR-2026-0501");
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).timers().count()).isEqualTo(1);
    assess(pi);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    assertThat(pi).hasNotPassed(Tasks.ALERT_LATE_RESPONSE);
  }

  @Test
  void eachStepIsDueByTheClockThatMattersAndAsUrgentAsTheCaseIsSevere() {
    // Friday 17:30 in Madrid: the response clock of Gestoría López (60 min, office hours) ends Monday 08:30
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 11, 27, 17, 30, 0, 0, ZoneId.of("Europe/Madrid")).toInstant()));
    ProcessInstance pi = reportDisaster("DR-2026-0502");
    Task assessment = task(pi);
    Assertions.assertThat(assessment.getPriority()).as("before the severity is known").isEqualTo(60);
    Assertions.assertThat(assessment.getDueDate().toInstant())
        .isEqualTo(ZonedDateTime.of(2026, 11, 30, 8, 30, 0, 0, ZoneId.of("Europe/Madrid")).toInstant());

    complete(assessment, withVariables(IMPACT_LEVEL, "major", USERS_AFFECTED, 25L, DATA_LOSS_SUSPECTED, true,
        PROBABLE_CAUSE, "hardware", DAMAGED_SCOPE, "File server FS01"));
    Task objectives = task(pi);
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), SEVERITY)).isEqualTo("SEV2");
    Assertions.assertThat(objectives.getPriority()).as("SEV2's priority in the severity decision").isEqualTo(70);
    Assertions.assertThat(objectives.getDueDate()).as("still the response clock").isEqualTo(assessment.getDueDate());

    complete(objectives, withVariables(RTO_HOURS, 8L, RPO_HOURS, 24L, APPROACH, "recover", AGREED_WITH, "Luisa López"));
    Task recovery = task(pi);
    Assertions.assertThat(recovery.getPriority()).isEqualTo(70);
    Assertions.assertThat(recovery.getDueDate().toInstant()).as("the RTO deadline: 8 office hours (08:00-18:00) from Friday 17:30")
        .isEqualTo(ZonedDateTime.of(2026, 11, 30, 15, 30, 0, 0, ZoneId.of("Europe/Madrid")).toInstant());
  }

  @Test
  void aCriticalClientsUnassessedCaseComesBeforeASev2Step() {
    Map<String, Object> northwind = startVariables();
    northwind.put(CLIENT_ID, "northwind-logistics");
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "DR-2026-0503", northwind);
    Assertions.assertThat(task(pi).getPriority()).as("a critical client's assessment, before the severity is known").isEqualTo(80)
        .isGreaterThan(70);
  }

  @Test
  void aSilentClientIsRemindedUntilItAnswers() {
    ProcessInstance pi = startAndAgree("recover");
    recover(pi, "done");
    verify(pi, true);
    Job reminder = managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Event_AcceptanceReminder").singleResult();
    Assertions.assertThat(reminder).as("reminder clock while the client tests").isNotNull();

    ClockUtil.setCurrentTime(Date.from(reminder.getDuedate().toInstant().plusSeconds(1)));
    execute(reminder);
    Task remind = task(Tasks.REMIND_CLIENT, pi);
    assertThat(remind).hasCandidateGroup("technicians");
    complete(remind, withVariables("reminderNote", "Luisa: they test tomorrow morning"));
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Event_AcceptanceReminder").count())
        .as("the next reminder is scheduled").isEqualTo(1);

    accept(pi, true);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    review(pi);
    offerPrevention(pi);
    assertThat(pi).isEnded().hasPassed("EndEvent_ClientReminded");
    Assertions.assertThat(ProcessTestEngine.CALLS).as("the client gets a reminder with a fresh link")
        .containsOnlyOnce("remindClientByMail@Event_AcceptanceReminder");
  }

  @Test
  void theRtoClockWarnsAt75PercentAndManagersHandleTheBreach() {
    // Tuesday 09:00 in Madrid; Gestoría López counts its clocks in office hours (08:00-18:00)
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, ZoneId.of("Europe/Madrid")).toInstant()));
    ProcessInstance pi = startAndAgree("recover");   // RTO agreed: 8 hours
    Job warning = managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Event_RtoWarning").singleResult();
    Job breach = managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Event_RtoBreach").singleResult();
    Assertions.assertThat(warning.getDuedate().toInstant()).as("6 business hours later")
        .isEqualTo(ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZoneId.of("Europe/Madrid")).toInstant());
    Assertions.assertThat(breach.getDuedate().toInstant()).as("8 business hours later")
        .isEqualTo(ZonedDateTime.of(2026, 11, 24, 17, 0, 0, 0, ZoneId.of("Europe/Madrid")).toInstant());

    ClockUtil.setCurrentTime(warning.getDuedate());
    execute(warning);
    assertThat(pi).hasPassed("EndEvent_RtoWarningRecorded").isWaitingAt(Tasks.RECOVER);
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), RTO_WARNING_AT)).isEqualTo(warning.getDuedate());

    ClockUtil.setCurrentTime(breach.getDuedate());
    execute(breach);
    assertThat(pi).isWaitingAt(Tasks.RECOVER, Tasks.HANDLE_RTO_BREACH);
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), RTO_BREACHED_AT)).isEqualTo(breach.getDuedate());
    Task handle = task(Tasks.HANDLE_RTO_BREACH, pi);
    assertThat(handle).hasCandidateGroup("managers");
    complete(handle, withVariables("rtoBreachMessage", "Luisa told: the ledger is back tomorrow at noon", "newEstimate", "Thursday 12:00"));

    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).timers().count())
        .as("the clocks stop when the client accepts").isZero();
    review(pi);
    offerPrevention(pi);
    assertThat(pi).isEnded().hasPassed("EndEvent_RtoBreachHandled");
    Assertions.assertThat(ProcessTestEngine.CALLS).as("managers are told")
        .contains("notifyRtoWarning@Event_RtoWarning", "notifyRtoBreach@Event_RtoBreach");
  }

  @Test
  void acceptanceWithinTheRtoStopsItsClock() {
    ProcessInstance pi = startAndAgree("recover");
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Event_RtoWarning").count()
        + managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Event_RtoBreach").count()).isEqualTo(2);
    recover(pi, "done");
    verify(pi, true);
    accept(pi, true);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    assertThat(pi).hasNotPassed(Tasks.HANDLE_RTO_BREACH, "EndEvent_RtoWarningRecorded");
  }

  @org.junit.jupiter.api.AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  // ---- the contract at the edges

  @Test
  void caseWithoutBusinessKeyGetsACaseNumber() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, startVariables());

    String caseNumber = (String) runtimeService().getVariable(pi.getId(), CASE_NUMBER);
    Assertions.assertThat(caseNumber).matches("DR-\\d{4}-\\d{4,}");
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(pi.getId())
        .singleResult().getBusinessKey()).isEqualTo(caseNumber);
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
        .singleResult().getBusinessKey()).isEqualTo(caseNumber);
    Assertions.assertThat(ProcessTestEngine.OPENED).as("the case is recorded (rebound_case) with its number")
        .contains(caseNumber + " " + pi.getId());
  }

  @Test
  void valuesAsTasklistSubmitsThemArriveWithTheContractsTypes() {
    Map<String, Object> start = startVariables();
    start.put(DETECTED_AT, "2026-11-28T08:30+01:00");
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "DR-2026-0100", start);
    // Tasklist sends form-js numbers as Integer and our yes/no radios as text
    complete(task(pi), withVariables(IMPACT_LEVEL, "major", USERS_AFFECTED, 12, DATA_LOSS_SUSPECTED, "true",
        PROBABLE_CAUSE, "ransomware", DAMAGED_SCOPE, "Shared folder \\\\fs01\\contabilidad encrypted"));
    complete(task(pi), withVariables(RTO_HOURS, 24.0, RPO_HOURS, "4", APPROACH, "recover", AGREED_WITH, "Ana (owner)"));

    Map<String, Object> v = runtimeService().getVariables(pi.getId());
    Assertions.assertThat(v.get(DETECTED_AT)).isInstanceOf(Date.class);
    Assertions.assertThat(((Date) v.get(DETECTED_AT)).toInstant().toString()).isEqualTo("2026-11-28T07:30:00Z");
    Assertions.assertThat(v.get(USERS_AFFECTED)).isEqualTo(12L);
    Assertions.assertThat(v.get(DATA_LOSS_SUSPECTED)).isEqualTo(Boolean.TRUE);
    Assertions.assertThat(v.get(RTO_HOURS)).isEqualTo(24L);
    Assertions.assertThat(v.get(RPO_HOURS)).isEqualTo(4L);
    Assertions.assertThat(v.get(AGREED_AT)).isInstanceOf(Date.class);
  }

  @Test
  void badAssessmentIsRefusedWithEachFieldAndNothingChanges() {
    ProcessInstance pi = reportDisaster("DR-2026-0200");
    Task assessment = task(pi);

    assertThatThrownBy(() -> taskService().complete(assessment.getId(), withVariables(
        IMPACT_LEVEL, "catastrophic", USERS_AFFECTED, "many", DATA_LOSS_SUSPECTED, "perhaps",
        PROBABLE_CAUSE, "hardware")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("impactLevel must be one of major, minor, partial, total; got 'catastrophic'")
        .hasMessageContaining("usersAffected must be a whole number, got 'many'")
        .hasMessageContaining("dataLossSuspected must be true or false, got 'perhaps'")
        .hasMessageContaining("damagedScope is required");

    assertThat(pi).isWaitingAt(Tasks.ASSESS_IMPACT);
    Assertions.assertThat(taskService().createTaskQuery().taskId(assessment.getId()).count()).isEqualTo(1);
    Assertions.assertThat(runtimeService().getVariables(pi.getId()))
        .doesNotContainKeys(IMPACT_LEVEL, USERS_AFFECTED, DATA_LOSS_SUSPECTED, PROBABLE_CAUSE);
  }

  @Test
  void negativeHoursAndUnknownApproachAreRefused() {
    ProcessInstance pi = reportDisaster("DR-2026-0201");
    assess(pi);

    assertThatThrownBy(() -> complete(task(pi), withVariables(RTO_HOURS, -5, RPO_HOURS, 2.5,
        APPROACH, "pray", AGREED_WITH, "Ana")))
        .hasMessageContaining("rtoHours must be between 1 and 8760, got -5")
        .hasMessageContaining("rpoHours must be a whole number, got '2.5'")
        .hasMessageContaining("approach must be one of recover, restore, unrecoverable; got 'pray'");
    assertThat(pi).isWaitingAt(Tasks.AGREE_OBJECTIVES);
    Assertions.assertThat(runtimeService().getVariables(pi.getId())).doesNotContainKeys(APPROACH)
        .containsEntry(RTO_HOURS, runtimeService().getVariable(pi.getId(), PROPOSED_RTO_HOURS));
  }

  @Test
  void rejectionWithoutProblemsIsRefused() {
    ProcessInstance pi = startAndAgree("recover");
    recover(pi, "done");
    verify(pi, true);

    assertThatThrownBy(() -> complete(task(pi), withVariables(CLIENT_ACCEPTED, false)))
        .hasMessageContaining("acceptanceIssues is required when clientAccepted is false");
    assertThat(pi).isWaitingAt(Tasks.CLIENT_ACCEPTANCE);
    Assertions.assertThat(runtimeService().getVariables(pi.getId())).doesNotContainKey(CLIENT_ACCEPTED);
  }

  @Test
  void caseWithoutClientIsNotOpened() {
    Map<String, Object> start = startVariables();
    start.remove(CLIENT_ID);
    start.put(DETECTED_AT, "yesterday");

    assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, "DR-2026-0300", start))
        .hasMessageContaining("clientId is required")
        .hasMessageContaining("detectedAt must be a date-time");
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey("DR-2026-0300").count())
        .isZero();
  }

  @Test
  void theMomentOfAgreementIsNeitherInTheFutureNorBeforeTheCaseOpened() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "DR-2026-0310", startVariables());
    complete(task(pi), withVariables(IMPACT_LEVEL, "minor", USERS_AFFECTED, 1L, DATA_LOSS_SUSPECTED, false,
        PROBABLE_CAUSE, "hardware", DAMAGED_SCOPE, "One PC"));
    String agree = task(pi).getId();

    assertThatThrownBy(() -> taskService().complete(agree, withVariables(RTO_HOURS, 8L, RPO_HOURS, 4L, APPROACH, "recover",
        AGREED_WITH, "Ana", AGREED_AT, "9999-12-31T00:00:00Z")))
        .hasMessageContaining("agreedAt is in the future");
    assertThatThrownBy(() -> taskService().complete(agree, withVariables(RTO_HOURS, 8L, RPO_HOURS, 4L, APPROACH, "recover",
        AGREED_WITH, "Ana", AGREED_AT, "2000-01-01T00:00:00Z")))
        .hasMessageContaining("agreedAt is before the case was opened");
    Assertions.assertThat(task(pi).getTaskDefinitionKey()).as("nothing kept").isEqualTo("agreeObjectives");
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), AGREED_AT)).isNull();

    taskService().complete(agree, withVariables(RTO_HOURS, 8L, RPO_HOURS, 4L, APPROACH, "recover", AGREED_WITH, "Ana"));
    Assertions.assertThat(runtimeService().getVariable(pi.getId(), AGREED_AT)).isInstanceOf(Date.class);
  }

  @Test
  void caseOfAnUnknownOrDeactivatedClientIsNotOpened() {
    Map<String, Object> start = startVariables();
    start.put(CLIENT_ID, "nobody-we-know");

    assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, "DR-2026-0301", start))
        .hasMessageContaining("clientId: there is no active client 'nobody-we-know'").hasMessageContaining("Report a disaster");
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey("DR-2026-0301").count()).isZero();
  }

  @Test
  void theClientsNameComesFromItsProfile() {
    ProcessInstance pi = reportDisaster("DR-2026-0302");
    assertThat(pi).variables().containsEntry(CLIENT_NAME, "Gestoría López");
  }

  // ---- steps, as a technician or manager fills the forms

  private static Map<String, Object> startVariables() {
    Map<String, Object> v = new HashMap<>();
    v.put(CLIENT_ID, "gestoria-lopez");
    v.put(REPORTED_BY, "Luisa López (office manager)");
    v.put(SUMMARY, "The file server does not start; 25 people cannot open client files");
    v.put(DETECTED_AT, new Date());
    return v;
  }

  private static ProcessInstance reportDisaster(String caseNumber) {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, caseNumber, startVariables());
    assertThat(pi).isWaitingAt(Tasks.ASSESS_IMPACT);
    return pi;
  }

  private static ProcessInstance startAndAgree(String approach) {
    ProcessInstance pi = reportDisaster(null);
    assess(pi);
    agree(pi, approach);
    return pi;
  }

  private static void assess(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(Tasks.ASSESS_IMPACT);
    assertThat(task()).hasCandidateGroup("technicians");
    complete(task(), withVariables(IMPACT_LEVEL, "major", USERS_AFFECTED, 25L, DATA_LOSS_SUSPECTED, true,
        PROBABLE_CAUSE, "hardware", DAMAGED_SCOPE, "File server FS01: system disk"));
  }

  private static void agree(ProcessInstance pi, String approach) {
    assertThat(pi).isWaitingAt(Tasks.AGREE_OBJECTIVES);
    complete(task(), withVariables(RTO_HOURS, 8L, RPO_HOURS, 24L, APPROACH, approach, AGREED_WITH, "Luisa López"));
  }

  private static void recover(ProcessInstance pi, String outcome) {
    assertThat(pi).isWaitingAt(Tasks.RECOVER);
    complete(task(), withVariables(RECOVERY_OUTCOME, outcome));
  }

  private static void verify(ProcessInstance pi, boolean passed) {
    assertThat(pi).isWaitingAt(Tasks.VERIFY_INTERNALLY);
    complete(task(), withVariables(INTERNAL_CHECK_PASSED, passed));
  }

  private static void accept(ProcessInstance pi, boolean accepted) {
    assertThat(pi).isWaitingAt(Tasks.CLIENT_ACCEPTANCE);
    complete(task(), withVariables(CLIENT_ACCEPTED, accepted));
  }

  private static void reject(ProcessInstance pi, String issues) {
    assertThat(pi).isWaitingAt(Tasks.CLIENT_ACCEPTANCE);
    complete(task(), withVariables(CLIENT_ACCEPTED, false, ACCEPTANCE_ISSUES, issues));
  }

  private static void rejectThreeRounds(ProcessInstance pi) {
    for (int round = 1; round <= 3; round++) {
      recover(pi, "done");
      verify(pi, true);
      reject(pi, "Round " + round + ": the ERP still shows last month's data");
    }
    assertThat(pi).isWaitingAt(Tasks.REVIEW_STRATEGY).variables().containsEntry(ACCEPTANCE_ROUNDS, 3L);
  }

  private static void assessRestoration(ProcessInstance pi, String method, boolean consented) {
    assertThat(pi).isWaitingAt(Tasks.ASSESS_RESTORATION);
    complete(task(), withVariables(RESTORATION_METHOD, method, EXPECTED_DATA_LOSS, "Changes since Sunday 22:00",
        CLIENT_CONSENTED, consented, "consentGivenBy", "Luisa López, by phone"));
  }

  private static void review(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(Tasks.POST_INCIDENT_REVIEW);
    assertThat(task()).hasCandidateGroup("managers");
    complete(task(), withVariables(ROOT_CAUSE, "System disk failed; no SMART monitoring",
        LESSONS_LEARNED, "Monitor disks; test restores monthly"));
  }

  private static void offerPrevention(ProcessInstance pi) {
    assertThat(pi).isWaitingAt(Tasks.OFFER_PREVENTION);
    complete(task(), withVariables(CLIENT_INTEREST, "considering"));
  }

  private static long timesPassed(ProcessInstance pi, String activityId) {
    return historyService().createHistoricActivityInstanceQuery()
        .processInstanceId(pi.getId()).activityId(activityId).finished().count();
  }

  private static void assertCompletedInHistory(ProcessInstance pi) {
    HistoricProcessInstance history = historyService().createHistoricProcessInstanceQuery()
        .processInstanceId(pi.getId()).singleResult();
    Assertions.assertThat(history.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    Assertions.assertThat(history.getEndActivityId()).isEqualTo("EndEvent_CaseClosed");
  }
}
