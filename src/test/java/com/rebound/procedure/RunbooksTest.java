package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.decisionService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision table that picks a runbook for each kind of disaster, row by row, and every path of the runbooks other
 * than ransomware's (which has its own test): hardware (the part in time, too late, or late by two days), deletion (all
 * back from the bins, or a point in time chosen), site loss, a provider's outage followed until it is back, and the
 * generic one. The class covers every flow node and flow of them.
 */
@Deployment(resources = {"bpmn/runbook.dmn", "bpmn/runbooks/hardware.bpmn", "bpmn/runbooks/hardware-vendor-case.form",
    "bpmn/runbooks/hardware-fit-part.form", "bpmn/runbooks/hardware-chase-vendor.form", "bpmn/runbooks/deletion.bpmn",
    "bpmn/runbooks/deletion-check-first.form", "bpmn/runbooks/deletion-point-in-time.form", "bpmn/runbooks/site-loss.bpmn",
    "bpmn/runbooks/site-people-safe.form", "bpmn/runbooks/site-fail-over.form", "bpmn/runbooks/site-insurer.form",
    "bpmn/runbooks/provider-outage.bpmn", "bpmn/runbooks/provider-status.form", "bpmn/runbooks/provider-workaround.form",
    "bpmn/runbooks/generic.bpmn"})
class RunbooksTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration("runbooks-test"))
      .assertClassCoverageAtLeast(1.0)
      .build();

  @BeforeEach
  void initAssertions() {
    init(engine.getProcessEngine());
  }

  @ParameterizedTest
  @CsvSource({"ransomware, runbookRansomware, Ransomware", "hardware, runbookHardware, Hardware failure",
      "humanError, runbookDeletion, Accidental deletion or corruption", "software, runbookDeletion, Accidental deletion or corruption",
      "power, runbookSiteLoss, 'Site loss (fire, flood, power)'", "naturalDisaster, runbookSiteLoss, 'Site loss (fire, flood, power)'",
      "providerOutage, runbookProviderOutage, Cloud or SaaS provider outage", "other, runbookGeneric, Generic recovery"})
  void theKindOfDisasterPicksTheRunbook(String cause, String runbook, String name) {
    DmnDecisionRuleResult picked = decisionService().evaluateDecisionTableByKey("runbook", Map.of("probableCause", cause))
        .getSingleResult();
    assertThat(picked.get("runbook")).isEqualTo(runbook);
    assertThat(picked.get("runbookName")).isEqualTo(name);
    if (!"runbookRansomware".equals(runbook)) {
      assertThat(BpmnAwareTests.repositoryService().createProcessDefinitionQuery().processDefinitionKey(runbook).count())
          .as("a runbook deployed under that id").isOne();
    }
  }

  @Test
  void hardware_thePartComesInTime_andIsFitted() {
    ProcessInstance runbook = start("runbookHardware");
    openVendorCase(runbook, "yes");
    complete(step(runbook, "fitPart", "technicians"), withVariables("partFitted", "Disk replaced, RAID 1 rebuilt in 3 h"));
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_Repaired");
  }

  @Test
  void hardware_aPartTooLateForTheRto_endsWithRestoreOnAVirtualMachine() {
    ProcessInstance runbook = start("runbookHardware");
    openVendorCase(runbook, "no");
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_RestoreOnVm").hasNotPassed("fitPart");
  }

  @Test
  void hardware_aPartLateByTwoDaysTellsTheManagers() {
    ProcessInstance runbook = start("runbookHardware");
    openVendorCase(runbook, "yes");
    Job late = single(managementService().createJobQuery().processInstanceId(runbook.getId()).activityId("Event_PartLate").list());
    managementService().executeJob(late.getId());
    Task chase = taskQuery().processInstanceId(runbook.getId()).taskDefinitionKey("chaseVendor").singleResult();
    BpmnAwareTests.assertThat(chase).hasCandidateGroup("managers");
    complete(chase, withVariables("vendorChased", "Called Dell: the disk ships tomorrow"));
    BpmnAwareTests.assertThat(runbook).hasPassed("EndEvent_VendorChased").isWaitingAt("fitPart");
  }

  @Test
  void deletion_everythingBackFromTheBins_noRestoreNeeded() {
    ProcessInstance runbook = start("runbookDeletion");
    complete(step(runbook, "checkInPlace", "technicians"), withVariables("checkedInPlace", "OneDrive's second-stage recycle bin",
        "foundInPlace", "all"));
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_BackInPlace").hasNotPassed("choosePointInTime");
  }

  @Test
  void deletion_notAllThere_aPointInTimeBeforeTheDeletionIsChosen() {
    ProcessInstance runbook = start("runbookDeletion");
    complete(step(runbook, "checkInPlace", "technicians"), withVariables("checkedInPlace", "NAS recycle bin: half the folder",
        "foundInPlace", "some"));
    complete(step(runbook, "choosePointInTime", "technicians"), withVariables("dataRightUntil", "2026-12-04 17:00",
        "restorePoint", "NAS snapshot 12:00", "restorePointTakenAt", "2026-12-04 12:00"));
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_PointChosen");
  }

  @Test
  void siteLoss_peopleFirst_thenFailOver_thenTheInsurer() {
    ProcessInstance runbook = start("runbookSiteLoss");
    complete(step(runbook, "peopleSafe", "managers"), withVariables("peopleAccountedFor", "yes", "siteAccessible", "no"));
    complete(step(runbook, "failOver", "technicians"), withVariables("alternateSite", "Azure West Europe",
        "failedOverSystems", "File server and ERP from last night's replica"));
    complete(step(runbook, "tellInsurer", "managers"), withVariables("insurerReference", "Mapfre, claim 2026-778812"));
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_FailedOver");
  }

  @Test
  void providerOutage_followedEveryHourUntilItIsBack() {
    ProcessInstance runbook = start("runbookProviderOutage");
    complete(step(runbook, "followProvider", "technicians"), withVariables("provider", "Microsoft 365, Exchange Online",
        "providerStatus", "down"));
    complete(step(runbook, "offerWorkaround", "technicians"), withVariables("workaround", "Outlook's offline mode; urgent mail by phone"));
    Job hourLater = single(managementService().createJobQuery().processInstanceId(runbook.getId()).activityId("Event_CheckAgain").list());
    managementService().executeJob(hourLater.getId());
    complete(step(runbook, "followProvider", "technicians"), withVariables("provider", "Microsoft 365, Exchange Online",
        "providerStatus", "back"));
    BpmnAwareTests.assertThat(runbook).isEnded().hasPassed("EndEvent_ProviderBack");
  }

  @Test
  void generic_nothingBeforeTheProceduresOwnRecovery() {
    BpmnAwareTests.assertThat(start("runbookGeneric")).isEnded().hasPassed("EndEvent_Generic");
  }

  private static void openVendorCase(ProcessInstance runbook, String inTime) {
    complete(step(runbook, "openVendorCase", "technicians"), withVariables("failedPart", "FS01 system disk", "vendorCaseReference",
        "Dell SR 1234567", "warranty", "inWarranty", "partExpectedAt", "2026-12-09 10:00", "partInTime", inTime));
  }

  private static ProcessInstance start(String key) {
    return runtimeService().startProcessInstanceByKey(key, "DR-2026-0042", Map.of("caseNumber", "DR-2026-0042",
        "clientId", "gestoria-lopez", "clientName", "Gestoría López", "summary", "The file server is gone"));
  }

  private static Task step(ProcessInstance runbook, String activity, String group) {
    BpmnAwareTests.assertThat(runbook).isWaitingAt(activity);
    Task task = taskQuery().processInstanceId(runbook.getId()).taskDefinitionKey(activity).singleResult();
    BpmnAwareTests.assertThat(task).hasCandidateGroup(group);
    return task;
  }

  private static Job single(List<Job> jobs) {
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
