package com.rebound.notify;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Tells the people holding a case about something that happened outside its steps (a monitor says the system is
 * back): the assignee of each open step, or its candidate groups while nobody has claimed it. In the caller's
 * transaction, through the outbox; the dedup key keeps one message per event and person or group.
 */
@Component
public class CaseHolders {

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Notifications notifications;

  CaseHolders(TaskService tasks, RuntimeService runtime, Notifications notifications) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.notifications = notifications;
  }

  /** Queues {@code kind} to whoever holds the case's open steps; {@code extra} adds to the case's variables in the message. */
  public void tell(MessageKind kind, String processInstanceId, String dedupKey, Map<String, Object> extra) {
    Map<String, Object> variables = runtime.getVariables(processInstanceId);
    for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).active().listPage(0, 20)) {
      if (task.getAssignee() != null) {
        notifications.toUser(kind, task.getAssignee(), variables, processInstanceId, dedupKey + ":" + task.getAssignee(), extra);
        continue;
      }
      tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(link -> link.getGroupId()).distinct()
          .forEach(group -> notifications.toGroup(kind, group, variables, processInstanceId, dedupKey + ":" + group, extra));
    }
  }
}
