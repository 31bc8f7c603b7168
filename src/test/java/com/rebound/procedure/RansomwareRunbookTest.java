package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the ransomware runbook: contained, evidence kept, variant and way in identified, a restore point that is
 * not clean sends the technician to an older one, credentials reset, the client's decision on the ransom recorded and the
 * attack reported (or not, as the client chooses); containment not done within the hour tells the managers. The class
 * covers every flow node and flow.
 */
@Deployment(resources = {"bpmn/runbooks/ransomware.bpmn", "bpmn/runbooks/ransomware-contain.form",
    "bpmn/runbooks/ransomware-evidence.form", "bpmn/runbooks/ransomware-identify.form", "bpmn/runbooks/ransomware-restore-point.form",
    "bpmn/runbooks/ransomware-credentials.form", "bpmn/runbooks/ransomware-ransom-decision.form",
    "bpmn/runbooks/ransomware-authorities.form", "bpmn/runbooks/ransomware-containment-late.form"})
class RansomwareRunbookTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration("ransomware-runbook-test"))
      .assertClassCoverageAtLeast(1.0)
      .build();

  @BeforeEach
  void initAssertions() {
    init(engine.getProcessEngine());
  }

  @Test
  void aDirtyRestorePointSendsTheTechnicianToAnOlderOne_theAttackIsReported() {
    ProcessInstance runbook = start();
    containAndKeepEvidence(runbook);
    provePoint(runbook, "NAS02 nightly, 2026-12-05 22:00", "notClean");
    BpmnAwareTests.assertThat(runbook).as("a point that is not clean: another one to prove").isWaitingAt("proveRestorePointClean");
    provePoint(runbook, "Offline USB copy, 2026-12-04 22:00", "clean");
    assertThat(runtimeService().getVariable(runbook.getId(), "restorePoint")).isEqualTo("Offline USB copy, 2026-12-04 22:00");
    resetCredentialsAndDecide(runbook, "yes");
    step(runbook, "reportToAuthorities", "managers");
    complete(open(runbook), withVariables("authorityReports", "Policía Nacional, denuncia 2026/12345; INCIBE-CERT ticket 98765"));
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("reportToAuthorities", "EndEvent_ReadyToRestore");
  }

  @Test
  void theClientChoosesNotToReport_theRunbookEndsReadyToRestore() {
    ProcessInstance runbook = start();
    containAndKeepEvidence(runbook);
    provePoint(runbook, "NAS02 nightly, 2026-12-05 22:00", "clean");
    resetCredentialsAndDecide(runbook, "no");
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_ReadyToRestore").hasNotPassed("reportToAuthorities");
  }

  @Test
  void containmentNotDoneWithinTheHourTellsTheManagers_theContainmentGoesOn() {
    ProcessInstance runbook = start();
    List<Job> timers = managementService().createJobQuery().processInstanceId(runbook.getId()).activityId("Event_ContainmentLate").list();
    assertThat(timers).hasSize(1);
    managementService().executeJob(timers.get(0).getId());
    Task escalation = taskQuery().processInstanceId(runbook.getId()).taskDefinitionKey("escalateContainment").singleResult();
    BpmnAwareTests.assertThat(escalation).hasCandidateGroup("managers");
    complete(escalation, withVariables("containmentHelp", "Sent Tina to the office; the client's office manager unplugged the switch"));
    BpmnAwareTests.assertThat(runbook).hasPassed("EndEvent_ContainmentEscalated").isWaitingAt("containRansomware");
  }

  private static ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey("runbookRansomware", "DR-2026-0042", Map.of("caseNumber", "DR-2026-0042",
        "clientId", "gestoria-lopez", "clientName", "Gestoría López", "summary", "Every share encrypted, a note on each desktop"));
  }

  private static void containAndKeepEvidence(ProcessInstance runbook) {
    step(runbook, "containRansomware", "technicians");
    complete(open(runbook), withVariables("isolatedSystems", "FS01 and 12 PCs unplugged at 09:40", "accountsDisabled",
        "administrador (used at 03:12), svc-backup"));
    step(runbook, "preserveEvidence", "technicians");
    complete(open(runbook), withVariables("imagedSystems", "FS01 system disk and memory, FTK Imager", "evidenceHashes",
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "evidenceLocation", "Safe at the MSP, held by Marta"));
    step(runbook, "identifyVariant", "technicians");
    complete(open(runbook), withVariables("ransomwareVariant", "LockBit 3.0", "decryptorAvailable", "no", "initialAccess", "exposedRdp"));
  }

  private static void provePoint(ProcessInstance runbook, String point, String verdict) {
    step(runbook, "proveRestorePointClean", "technicians");
    complete(open(runbook), withVariables("restorePoint", point, "restorePointTakenAt", point.substring(point.length() - 16).replace(' ', 'T') + ":00+01:00",
        "restorePointScan", "Mounted read-only on an isolated PC, ClamAV and Defender signatures of today", "restorePointVerdict", verdict));
  }

  private static void resetCredentialsAndDecide(ProcessInstance runbook, String report) {
    step(runbook, "resetCredentials", "technicians");
    complete(open(runbook), withVariables("credentialsReset", "Domain admins, svc-backup, krbtgt twice, VPN", "credentialsResetConfirmed",
        "yes"));
    step(runbook, "decideOnRansom", "managers");
    complete(open(runbook), withVariables("ransomDecision", "notPaying", "ransomDecidedBy", "Luisa López, manager",
        "reportToAuthorities", report));
  }

  private static void step(ProcessInstance runbook, String activity, String group) {
    BpmnAwareTests.assertThat(runbook).isWaitingAt(activity);
    BpmnAwareTests.assertThat(open(runbook)).hasCandidateGroup(group);
  }

  private static Task open(ProcessInstance runbook) {
    return taskQuery().processInstanceId(runbook.getId()).active().list().stream()
        .filter(t -> !"escalateContainment".equals(t.getTaskDefinitionKey())).findFirst().orElseThrow();
  }
}
