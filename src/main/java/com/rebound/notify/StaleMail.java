package com.rebound.notify;

import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * A message that waited in the outbox (no SMTP server yet, or retries) is not sent once it is out of date: news of a
 * case that has since closed (all but the closing messages themselves), a link for a step that has since been answered
 * (the test round, the consent, a step assigned or waiting), a reminder for a test round no longer open. It is kept as
 * DISCARDED with the reason, for the outbox page; the engine's state decides, as it is when delivery comes.
 */
@Component
class StaleMail {

  /**
   * The messages that stay true after the case closed: its closing, an action item's (a process of its own), and the
   * provider's breach notice (its obligation ends when it is queued).
   */
  private static final Set<MessageKind> AFTER_THE_CASE = Set.of(MessageKind.caseClosed, MessageKind.caseDismissed,
      MessageKind.actionItemAssigned, MessageKind.actionItemDueSoon, MessageKind.actionItemOverdue, MessageKind.legalProcessorNotice);
  /** The messages about one step, whose id is the second part of their key ("kind:taskId..."). */
  private static final Set<MessageKind> ABOUT_A_STEP = Set.of(MessageKind.readyForTesting, MessageKind.consentRequest,
      MessageKind.taskAssigned, MessageKind.stepUnclaimed);

  private final RuntimeService runtime;
  private final TaskService tasks;

  StaleMail(RuntimeService runtime, TaskService tasks) {
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** Why the message should no longer be sent, or empty when it should. */
  Optional<String> why(Outbox.Entry entry) {
    MessageKind kind;
    try {
      kind = MessageKind.valueOf(entry.kind());
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
    if (AFTER_THE_CASE.contains(kind) || entry.processInstanceId() == null) {
      return Optional.empty();
    }
    if (runtime.createProcessInstanceQuery().processInstanceId(entry.processInstanceId()).count() == 0) {
      return Optional.of("not sent: the case was closed before it could be delivered");
    }
    if (ABOUT_A_STEP.contains(kind) && entry.dedupKey() != null) {
      String[] parts = entry.dedupKey().split(":");
      if (parts.length > 1 && tasks.createTaskQuery().taskId(parts[1]).count() == 0) {
        return Optional.of("not sent: the step it was about was answered before it could be delivered");
      }
    }
    if (kind == MessageKind.acceptanceReminder
        && tasks.createTaskQuery().processInstanceId(entry.processInstanceId()).taskDefinitionKey("clientAcceptance").count() == 0) {
      return Optional.of("not sent: the test round was closed before it could be delivered");
    }
    return Optional.empty();
  }
}
