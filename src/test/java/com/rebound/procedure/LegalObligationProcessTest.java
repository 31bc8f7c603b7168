package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.rebound.legal.LegalVariables;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code legalObligation}: filed in time, not applicable, reminded at half and three quarters of the deadline,
 * missed (the managers told at the deadline) and filed late, and the provider's notice reviewed and sent. The timers'
 * moments are the shares the model gives of the deadline, counted from the obligation's start. The class covers every flow
 * node and flow.
 */
@Deployment(resources = {"bpmn/legal-obligation.bpmn", "bpmn/legal-confirm.form", "bpmn/legal-notice.form"})
class LegalObligationProcessTest {

  private static final Instant AWARE = Instant.parse("2031-03-14T09:00:00Z");

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration("legal-obligation-test"))
      .assertClassCoverageAtLeast(1.0)
      .build();

  @BeforeEach
  void initAssertions() {
    init(engine.getProcessEngine());
    ProcessTestEngine.STEPS.clear();
  }

  @Test
  void theClientsNotificationIsFiledInTime() {
    ProcessInstance obligation = start("confirm", 72);
    BpmnAwareTests.assertThat(obligation).isWaitingAt(LegalVariables.CONFIRM);
    BpmnAwareTests.assertThat(task()).hasCandidateGroup("technicians").hasCandidateGroup("managers")
        .hasName("Record it was filed: GDPR: gdpr-authority (72 h)");
    assertThat(task().getDueDate()).isEqualTo(Date.from(AWARE.plusSeconds(72 * 3600)));
    complete(task(), withVariables(LegalVariables.OUTCOME, "filed", LegalVariables.FILED_AT, "2031-03-15T10:00:00+01:00",
        LegalVariables.REFERENCE, "AEPD-2031-123", LegalVariables.FILED_BY, "Luisa López"));
    BpmnAwareTests.assertThat(obligation).isEnded().hasPassed("confirmObligation", "EndEvent_Met", "EndEvent_Closed")
        .hasNotPassed("EndEvent_Halfway");
    assertThat(ProcessTestEngine.STEPS).containsExactly("closeLegalObligation@confirmObligation");
  }

  @Test
  void anObligationThatDidNotApplyIsClosedWithItsReason() {
    ProcessInstance obligation = start("confirm", 72);
    BpmnAwareTests.assertThat(obligation).isWaitingAt(LegalVariables.CONFIRM);
    complete(task(), withVariables(LegalVariables.OUTCOME, "notApplicable", LegalVariables.NOTE,
        "Encrypted laptop: unlikely to result in a risk (documented)"));
    BpmnAwareTests.assertThat(obligation).isEnded().hasPassed("EndEvent_Closed");
    assertThat(managementService().createJobQuery().processInstanceId(obligation.getId()).count()).as("its clocks stop").isZero();
  }

  @Test
  void theClocksRemindAtHalfAndThreeQuartersThenTellTheManagersAtTheDeadline_onceEach() {
    ProcessInstance obligation = start("confirm", 24);
    Job half = timer(obligation, "Event_Halfway");
    Job threeQuarters = timer(obligation, "Event_ThreeQuarters");
    Job deadline = timer(obligation, "Event_Deadline");
    assertThat(half.getDuedate()).isEqualTo(Date.from(AWARE.plusSeconds(12 * 3600)));
    assertThat(threeQuarters.getDuedate()).isEqualTo(Date.from(AWARE.plusSeconds(18 * 3600)));
    assertThat(deadline.getDuedate()).isEqualTo(Date.from(AWARE.plusSeconds(24 * 3600)));
    for (Job timer : List.of(half, threeQuarters, deadline)) {
      managementService().executeJob(timer.getId());
      // the message steps are asynchronous (their mails go out once, whatever retries)
      managementService().createJobQuery().processInstanceId(obligation.getId()).messages().list()
          .forEach(job -> managementService().executeJob(job.getId()));
    }
    BpmnAwareTests.assertThat(obligation).hasPassed("EndEvent_Halfway", "EndEvent_ThreeQuarters", "EndEvent_Deadline")
        .isWaitingAt(LegalVariables.CONFIRM);
    assertThat(managementService().createJobQuery().processInstanceId(obligation.getId()).count()).as("each fires once").isZero();
    assertThat(ProcessTestEngine.STEPS).containsExactly("legalReminder:reminder@remindHalfway",
        "legalReminder:reminder@remindThreeQuarters", "legalReminder:deadline@tellDeadlinePassed");
    complete(task(), withVariables(LegalVariables.OUTCOME, "filed", LegalVariables.FILED_AT, "2031-03-16T10:00:00+01:00",
        LegalVariables.REFERENCE, "INCIBE-77", LegalVariables.FILED_BY, "Emma Clarke"));
    BpmnAwareTests.assertThat(obligation).isEnded();
  }

  @Test
  void theProvidersNoticeIsReviewedThenSent() {
    ProcessInstance obligation = start("send", 24);
    BpmnAwareTests.assertThat(obligation).isWaitingAt(LegalVariables.REVIEW_NOTICE);
    BpmnAwareTests.assertThat(task()).hasName("Review the notice: GDPR: gdpr-authority (24 h)");
    complete(task(), withVariables(LegalVariables.DRAFT_CATEGORIES, "Customers: contact details", LegalVariables.DRAFT_PEOPLE, "about 300",
        LegalVariables.DRAFT_RECORDS, "about 1,200", LegalVariables.DRAFT_NATURE, "Server encrypted, database copied",
        LegalVariables.DRAFT_CONTACT, "dpo@client.example", LegalVariables.DRAFT_CONSEQUENCES, "Phishing", LegalVariables.DRAFT_MEASURES,
        "Restored from backup; passwords reset"));
    BpmnAwareTests.assertThat(obligation).isWaitingAt("sendNotice");
    managementService().executeJob(managementService().createJobQuery().processInstanceId(obligation.getId()).activityId("sendNotice")
        .singleResult().getId());
    BpmnAwareTests.assertThat(obligation).isEnded().hasPassed("reviewNotice", "sendNotice", "EndEvent_Closed");
    assertThat(ProcessTestEngine.STEPS).containsExactly("sendLegalNotice@sendNotice");
  }

  private static ProcessInstance start(String how, int hours) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(LegalVariables.OBLIGATION_ID, "DR-2031-0001-gdpr-authority");
    variables.put(ProcedureVariables.CASE_NUMBER, "DR-2031-0001");
    variables.put(LegalVariables.TITLE, "GDPR: gdpr-authority (" + hours + " h)");
    variables.put(LegalVariables.HOW, how);
    variables.put(LegalVariables.DEADLINE_HOURS, hours);
    variables.put(LegalVariables.COUNTED_FROM, Date.from(AWARE));
    variables.put(LegalVariables.DUE_AT, Date.from(AWARE.plusSeconds(hours * 3600L)));
    return runtimeService().startProcessInstanceByKey(LegalVariables.PROCESS_KEY, "DR-2031-0001-gdpr-authority", variables);
  }

  private static Job timer(ProcessInstance obligation, String activity) {
    List<Job> jobs = managementService().createJobQuery().processInstanceId(obligation.getId()).activityId(activity).list();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
