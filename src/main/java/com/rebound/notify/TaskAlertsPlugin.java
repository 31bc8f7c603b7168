package com.rebound.notify;

import com.rebound.procedure.ProcedureParseListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Attaches {@link TaskAlerts} to every user task of every deployed version of the procedure. */
@Component
class TaskAlertsPlugin extends AbstractProcessEnginePlugin {

  private final TaskAlerts alerts;

  TaskAlertsPlugin(@Lazy Notifications notifications,
      @Value("${rebound.mail.queue-alert-severities:SEV1,SEV2}") String severities) {
    Set<String> alertSeverities = Arrays.stream(severities.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    this.alerts = new TaskAlerts(notifications, alertSeverities);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ProcedureParseListener.userTaskOfTheProcedure(activity).ifPresent(behavior -> {
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, alerts);
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, alerts);
        });
      }
    });
  }
}
