package com.rebound.procedure;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.task.Task;

/**
 * The recovery and the restoration start only once the case's runbook is done: a ransomware case is not restored before
 * its restore point is proven clean and the attackers' credentials are reset, whatever the route (an administrator
 * moving the case in Cockpit or over REST included). A built-in listener on those steps' start; the model cannot remove
 * it. A case without a runbook (one started before runbooks) is not held.
 */
final class RunbookFirst implements ExecutionListener {

  /** The steps that work on the client's systems: none starts while the runbook runs. */
  static final Set<String> HELD = Set.of(ProcedureVariables.Tasks.RECOVER, ProcedureVariables.Tasks.ASSESS_RESTORATION,
      ProcedureVariables.Tasks.REINSTALL_IN_SITU, ProcedureVariables.Tasks.RESTORE_TO_VM);

  @Override
  public void notify(DelegateExecution execution) {
    if (!execution.hasVariable(ProcedureVariables.RUNBOOK) || execution.hasVariable(ProcedureVariables.RUNBOOK_DONE)) {
      return;
    }
    String businessKey = execution.getProcessBusinessKey();
    List<Task> open = businessKey == null ? List.of() : execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceBusinessKey(businessKey).active().list().stream()
        .filter(task -> !task.getProcessInstanceId().equals(execution.getProcessInstanceId())).toList();
    String missing = open.isEmpty() ? "its steps" : String.join(", ", open.stream().map(task -> "'" + task.getName() + "'").toList());
    String step = execution.getCurrentActivityName() == null ? execution.getCurrentActivityId() : execution.getCurrentActivityName();
    throw new ProcedureContractException("'" + step + "' cannot start before the case's runbook ("
        + execution.getVariable(ProcedureVariables.RUNBOOK_NAME) + ") is done: still open " + missing + ". Nothing was changed.");
  }
}
