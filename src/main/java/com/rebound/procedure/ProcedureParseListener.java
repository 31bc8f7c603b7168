package com.rebound.procedure;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Attaches the contract's checks to every version of {@code disasterRecovery} that is deployed,
 * whoever deploys it (start-up, Desktop Modeler), as built-in listeners that Cockpit's "skip custom
 * listeners" does not skip; and keeps a case with its technician ({@link CaseTechnician}).
 */
public class ProcedureParseListener extends AbstractBpmnParseListener {

  private final ExecutionListener caseStart;
  private final TaskListener stepCompletion = new StepCompletion();
  private final TaskListener caseTechnician = new CaseTechnician();
  private final ExecutionListener runbookFirst = new RunbookFirst();

  ProcedureParseListener(ExecutionListener caseStart) {
    this.caseStart = caseStart;
  }

  /** The contract's checks: the case's start (number, client, facts) and every step's completion (contract, form). */
  public static ProcedureParseListener of(com.rebound.cases.CaseNumbers caseNumbers, com.rebound.cases.CaseRegistry cases,
      com.rebound.clients.ClientDirectory clients) {
    return new ProcedureParseListener(new CaseStart(caseNumbers, cases, clients));
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    if (ProcedureVariables.PROCESS_KEY.equals(processDefinition.getKey())) {
      processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, caseStart);
    }
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && (definition.getKey().startsWith(ProcedureVariables.RUNBOOK_PREFIX)
            || ProcedureVariables.LEGAL_OBLIGATION_PROCESS.equals(definition.getKey()))
        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior runbookStep) {
      // a runbook's step and a legal obligation's are checked against their forms as the procedure's are
      runbookStep.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, stepCompletion);
    }
    userTaskOfTheProcedure(activity).ifPresent(behavior -> {
      if (RunbookFirst.HELD.contains(activity.getId())) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, runbookFirst);
      }
      behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, stepCompletion);
      // the case stays with its technician (after the engine's own update listener, which checks who may change the step)
      for (String event : new String[] {TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_ASSIGNMENT, TaskListener.EVENTNAME_UPDATE}) {
        behavior.getTaskDefinition().addBuiltInTaskListener(event, caseTechnician);
      }
    });
  }

  /** The behaviour of a user task of {@code disasterRecovery}, or empty for any other activity or process. */
  public static java.util.Optional<UserTaskActivityBehavior> userTaskOfTheProcedure(ActivityImpl activity) {
    if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && ProcedureVariables.PROCESS_KEY.equals(definition.getKey())
        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
      return java.util.Optional.of(behavior);
    }
    return java.util.Optional.empty();
  }
}
