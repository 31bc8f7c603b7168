package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.rebound.actions.ActionItemVariables;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
 * Every path of {@code actionItem}: told, done or dropped, reminded the day before and told when overdue,
 * at the moments the model gives in the client's time zone. The class covers every flow node and flow.
 */
@Deployment(resources = {"bpmn/action-item.bpmn", "bpmn/action-item.form"})
class ActionItemProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration("action-item-test"))
      .assertClassCoverageAtLeast(1.0)
      .build();

  @BeforeEach
  void initAssertions() {
    init(engine.getProcessEngine());
    ProcessTestEngine.STEPS.clear();
  }

  @Test
  void theOwnerIsToldThenDoesIt() {
    ProcessInstance item = start("tina", "2031-03-14");
    BpmnAwareTests.assertThat(item).isWaitingAt(ActionItemVariables.TASK);
    BpmnAwareTests.assertThat(task()).isAssignedTo("tina");
    assertThat(candidateGroups()).as("theirs alone in Tasklist (managers may close it by their grant)").isEmpty();
    assertThat(task().getDueDate()).as("due when the due day ends, in the client's zone")
        .isEqualTo(at("2031-03-15T00:00", "Europe/Madrid"));
    complete(task(), withVariables(ActionItemVariables.OUTCOME, "done"));
    BpmnAwareTests.assertThat(item).isEnded().hasPassed("EndEvent_ItemDone");
    assertThat(ProcessTestEngine.STEPS).containsExactly("actionItemMail:assigned@tellOwner", "closeActionItem@doActionItem");
  }

  @Test
  void aContactsItemGoesToTheManagersAndIsDropped() {
    ProcessInstance item = start(null, "2031-03-14");
    BpmnAwareTests.assertThat(item).isWaitingAt(ActionItemVariables.TASK);
    BpmnAwareTests.assertThat(task()).isNotAssigned().hasCandidateGroup("managers");
    complete(task(), withVariables(ActionItemVariables.OUTCOME, "dropped", ActionItemVariables.DROP_REASON, "The client sold the office"));
    BpmnAwareTests.assertThat(item).isEnded().hasPassed("EndEvent_ItemDropped").hasNotPassed("EndEvent_ItemDone");
  }

  @Test
  void theOwnerIsRemindedTheDayBeforeAndToldWhenOverdue_onceEach() {
    ProcessInstance item = start("tina", "2031-03-14");
    Job reminder = timer(item, "Event_DueTomorrow");
    Job overdue = timer(item, "Event_Overdue");
    assertThat(reminder.getDuedate()).isEqualTo(at("2031-03-13T08:00", "Europe/Madrid"));
    assertThat(overdue.getDuedate()).isEqualTo(at("2031-03-15T08:00", "Europe/Madrid"));
    managementService().executeJob(reminder.getId());
    managementService().executeJob(overdue.getId());
    BpmnAwareTests.assertThat(item).hasPassed("EndEvent_OwnerReminded", "EndEvent_OverdueTold").isWaitingAt(ActionItemVariables.TASK);
    assertThat(managementService().createJobQuery().processInstanceId(item.getId()).count()).as("each fires once").isZero();
    assertThat(ProcessTestEngine.STEPS).containsExactly("actionItemMail:assigned@tellOwner", "actionItemMail:dueSoon@remindOwner",
        "actionItemMail:overdue@tellOverdue");
    complete(task(), withVariables(ActionItemVariables.OUTCOME, "done"));
    BpmnAwareTests.assertThat(item).isEnded();
  }

  private static ProcessInstance start(String ownerUser, String due) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ActionItemVariables.ITEM_ID, "DR-2031-0001-A1");
    variables.put(ActionItemVariables.WHAT, "Monitor the disks");
    variables.put(ActionItemVariables.OWNER, ownerUser == null ? "Luisa López" : "Tina");
    variables.put(ActionItemVariables.OWNER_USER, ownerUser);
    variables.put(ActionItemVariables.OWNER_EMAIL, ownerUser == null ? "luisa@gestoria-lopez.example" : null);
    variables.put(ActionItemVariables.DUE_DATE, due);
    variables.put(ActionItemVariables.TIME_ZONE, "Europe/Madrid");
    variables.put(ProcedureVariables.CASE_NUMBER, "DR-2031-0001");
    return runtimeService().startProcessInstanceByKey(ActionItemVariables.PROCESS_KEY, "DR-2031-0001-A1", variables);
  }

  private static List<String> candidateGroups() {
    return BpmnAwareTests.taskService().getIdentityLinksForTask(task().getId()).stream()
        .filter(link -> "candidate".equals(link.getType())).map(link -> link.getGroupId()).toList();
  }

  private static Job timer(ProcessInstance item, String activity) {
    List<Job> jobs = managementService().createJobQuery().processInstanceId(item.getId()).activityId(activity).list();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private static Date at(String localDateTime, String zone) {
    return Date.from(java.time.LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant());
  }
}
