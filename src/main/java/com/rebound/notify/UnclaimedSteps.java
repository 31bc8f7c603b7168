package com.rebound.notify;

import com.rebound.settings.ReboundSettings;
import com.rebound.procedure.ProcedureVariables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A step of a high-severity case that waits unclaimed longer than {@code rebound.mail.unclaimed-alert-after}
 * (30 min) alerts its candidate groups, once per step; the subject names the step and how long it waited.
 * Checked every minute, on one node.
 */
@Component
class UnclaimedSteps {

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Notifications notifications;
  private final Clock clock;
  private final Duration after;
  private final Set<String> severities;

  UnclaimedSteps(TaskService tasks, RuntimeService runtime, Notifications notifications, Clock clock,
      ReboundSettings settings) {
    Duration after = settings.mail().unclaimedAlertAfter();
    String severities = settings.mail().queueAlertSeverities();
    this.tasks = tasks;
    this.runtime = runtime;
    this.notifications = notifications;
    this.clock = clock;
    this.after = after;
    this.severities = Arrays.stream(severities.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  @Scheduled(fixedDelayString = "${rebound.mail.unclaimed-check-interval:PT1M}", initialDelayString = "PT1M")
  @SchedulerLock(name = "unclaimed-steps", lockAtMostFor = "PT5M")
  void checkNow() {
    check(clock.instant());
  }

  /** Alerts every step of a high-severity case unclaimed since before {@code now} minus the configured wait. */
  int check(Instant now) {
    int alerted = 0;
    for (Task task : tasks.createTaskQuery().processDefinitionKey(ProcedureVariables.PROCESS_KEY).active().taskUnassigned()
        .taskCreatedBefore(Date.from(now.minus(after))).orderByTaskCreateTime().asc().listPage(0, 500)) {
      Map<String, Object> variables = runtime.getVariables(task.getExecutionId());
      if (!severities.contains(String.valueOf(variables.get(ProcedureVariables.SEVERITY)))) {
        continue;
      }
      long minutes = Duration.between(task.getCreateTime().toInstant(), now).toMinutes();
      Map<String, Object> about = Map.of("taskName", task.getName() == null ? task.getTaskDefinitionKey() : task.getName(),
          "taskId", task.getId(), "waitedMinutes", minutes);
      for (String group : tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(link -> link.getGroupId()).distinct().toList()) {
        notifications.toGroup(MessageKind.stepUnclaimed, group, variables, task.getProcessInstanceId(),
            MessageKind.stepUnclaimed + ":" + task.getId() + ":" + group, about);
        alerted++;
      }
    }
    return alerted;
  }
}
