package com.rebound.notify;

import com.rebound.procedure.ProcedureParseListener;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** {@link TaskAlerts} on every user task of every deployed version of the procedure (created, assigned). */
public final class TaskAlertListeners {

  private TaskAlertListeners() {
  }

  /** The parse listener that attaches them; the notifications are looked up when a task first needs them. */
  public static BpmnParseListener parseListener(Supplier<Notifications> notifications, String severities) {
    Set<String> alertSeverities = Arrays.stream(severities.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    TaskAlerts alerts = new TaskAlerts(notifications, alertSeverities);
    return new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ProcedureParseListener.userTaskOfTheProcedure(activity).ifPresent(behavior -> {
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, alerts);
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, alerts);
        });
      }
    };
  }
}
