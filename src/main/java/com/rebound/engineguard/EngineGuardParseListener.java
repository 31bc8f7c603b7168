package com.rebound.engineguard;

import com.rebound.procedure.ProcedureContractException;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.procedure.StepFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateListener;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ClassDelegateActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.ScriptTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.listener.ClassDelegateExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.listener.ScriptExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.listener.ClassDelegateTaskListener;
import org.camunda.bpm.engine.impl.task.listener.ScriptTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Runs on every BPMN file the engine parses, on what it parsed (after XML joining, entities and CDATA):
 * a Java class or a script anywhere (task, listener) stops the deployment; every process gets the
 * built-in start check and every user task the completion and update checks of {@link StepWritesRule}.
 */
final class EngineGuardParseListener extends AbstractBpmnParseListener {

  private final TaskListener onComplete = StepWritesRule.onComplete();
  private final TaskListener onUpdate = StepWritesRule.onUpdate();

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
    boolean procedure = ProcedureVariables.PROCESS_KEY.equals(definition.getKey());
    Set<String> allowed = procedure ? StepFields.ofStart() : Set.of();
    // first of all start listeners: what the starter wrote is taken before the model's own code runs
    definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
        StepWritesRule.onStart(allowed, "'" + (procedure ? ProcedureVariables.START : definition.getKey()) + "'"), 0);
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
      behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, onComplete);
      behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, onUpdate);
    }
  }

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> definitions) {
    List<String> problems = new ArrayList<>();
    for (ProcessDefinitionEntity definition : definitions) {
      walk(definition, problems);
    }
    if (!problems.isEmpty()) {
      throw new ProcedureContractException("The model cannot be deployed: models may change the flow, not run code. "
          + String.join("; ", problems) + ". Nothing was deployed.");
    }
  }

  private static void walk(ScopeImpl scope, List<String> problems) {
    for (Map.Entry<String, List<DelegateListener<?>>> listeners : listenersOf(scope).entrySet()) {
      for (DelegateListener<?> listener : listeners.getValue()) {
        if (listener instanceof ClassDelegateExecutionListener || listener instanceof ScriptExecutionListener) {
          problems.add(scope.getId() + " has a " + listeners.getKey() + " listener that is a Java class or a script");
        }
      }
    }
    for (ActivityImpl activity : scope.getActivities()) {
      Object behavior = activity.getActivityBehavior();
      if (behavior instanceof ClassDelegateActivityBehavior || behavior instanceof ScriptTaskActivityBehavior) {
        problems.add(activity.getId() + " runs a Java class or a script");
      }
      if (behavior instanceof UserTaskActivityBehavior task) {
        task.getTaskDefinition().getTaskListeners().forEach((event, taskListeners) -> taskListeners.forEach(listener -> {
          if (listener instanceof ClassDelegateTaskListener || listener instanceof ScriptTaskListener) {
            problems.add(activity.getId() + " has a " + event + " task listener that is a Java class or a script");
          }
        }));
      }
      for (org.camunda.bpm.engine.impl.pvm.PvmTransition outgoing : activity.getOutgoingTransitions()) {
        org.camunda.bpm.engine.impl.pvm.process.TransitionImpl transition = (org.camunda.bpm.engine.impl.pvm.process.TransitionImpl) outgoing;
        for (DelegateListener<?> listener : transition.getListeners(ExecutionListener.EVENTNAME_TAKE)) {
          if (listener instanceof ClassDelegateExecutionListener || listener instanceof ScriptExecutionListener) {
            problems.add(transition.getId() + " has a take listener that is a Java class or a script");
          }
        }
      }
      walk(activity, problems);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, List<DelegateListener<?>>> listenersOf(ScopeImpl scope) {
    return (Map) scope.getListeners();
  }
}
