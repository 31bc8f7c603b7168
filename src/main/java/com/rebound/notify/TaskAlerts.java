package com.rebound.notify;

import com.rebound.web.Roles;
import com.rebound.procedure.ProcedureVariables;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Technicians hear of work for them: when someone else assigns them a task, and when a high-severity
 * case first enters the technicians' queue (once per case; the subject names the step). Attached to
 * every user task of the procedure.
 */
class TaskAlerts implements TaskListener {


  private final java.util.function.Supplier<Notifications> notifications;
  private final Set<String> alertSeverities;

  TaskAlerts(java.util.function.Supplier<Notifications> notifications, Set<String> alertSeverities) {
    this.notifications = notifications;
    this.alertSeverities = alertSeverities;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> about = Map.of("taskName", task.getName() == null ? task.getTaskDefinitionKey() : task.getName(),
        "taskId", task.getId());
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      String assignee = task.getAssignee();
      Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      boolean claimedThemselves = current != null && assignee != null && assignee.equals(current.getUserId());
      if (assignee != null && !claimedThemselves) {
        notifications.get().toUser(MessageKind.taskAssigned, assignee, task, task.getProcessInstanceId(),
            MessageKind.taskAssigned + ":" + task.getId() + ":" + assignee, about);
      }
    } else if (EVENTNAME_CREATE.equals(task.getEventName()) && task.getAssignee() == null
        && alertSeverities.contains(String.valueOf(task.getVariable(ProcedureVariables.SEVERITY)))
        && task.getCandidates().stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
            && Roles.TECHNICIANS.equals(link.getGroupId()))) {
      // once per case: when it first enters the queue, not again for each of its steps (the outbox keeps one per key)
      notifications.get().toGroup(MessageKind.highSeverityQueued, Roles.TECHNICIANS, task, task.getProcessInstanceId(),
          MessageKind.highSeverityQueued + ":" + task.getProcessInstanceId(), about);
    }
  }

}
