package com.rebound.legal;

import com.rebound.procedure.ProcedureVariables;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Built in (the engine plugin attaches it to every step of the procedure and of its runbooks; a model cannot remove it):
 * when a step is completed with a legal fact raised ({@code personalDataAffected}, {@code highRiskToPeople},
 * {@code significantIncident}, {@code majorIncident}), the case's moment of awareness is recorded (the first time) and the
 * obligations it brings start, in the step's transaction; the same when the case is reported with personal data affected.
 */
public final class LegalFactListeners {

  private LegalFactListeners() {
  }

  public static BpmnParseListener parseListener(Supplier<LegalClocks> clocks) {
    TaskListener raise = task -> {
      Facts facts = Facts.of(task::getVariable);
      if (facts.any()) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String by = current == null ? task.getAssignee() : current.getUserId();
        Facts raised = clocks.get().raise(facts, by, "step '" + task.getName() + "'", task.getVariables());
        // what is raised stays ticked on the next steps' forms (unticking a box does not lower a fact)
        for (java.util.Map.Entry<String, Boolean> fact : raised.byName().entrySet()) {
          if (fact.getValue() && !Boolean.TRUE.equals(task.getVariable(fact.getKey()))) {
            task.getExecution().setVariable(fact.getKey(), true);
          }
        }
      }
    };
    ExecutionListener reported = execution -> {
      Facts facts = Facts.of(execution::getVariable);
      if (facts.any()) {
        Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        clocks.get().raise(facts, current == null ? (String) execution.getVariable(ProcedureVariables.REPORTED_BY) : current.getUserId(),
            "the case's report", execution.getVariables());
      }
    };
    return new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, ProcessDefinitionEntity definition) {
        // after the case's start (its number and client's facts): the parse listeners run in the engine plugin's order
        if (ProcedureVariables.PROCESS_KEY.equals(definition.getKey())) {
          definition.addBuiltInListener(ExecutionListener.EVENTNAME_START, reported);
        }
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        String process = ((org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
        if ((ProcedureVariables.PROCESS_KEY.equals(process) || process.startsWith(ProcedureVariables.RUNBOOK_PREFIX))
            && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, raise);
        }
      }
    };
  }
}
