package com.rebound.procedure;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** {@code ${countAcceptanceRound}}: a new client acceptance round starts; {@code acceptanceRounds} counts it. */
@Component("countAcceptanceRound")
class CountAcceptanceRound implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Object rounds = execution.getVariable(ProcedureVariables.ACCEPTANCE_ROUNDS);
    long done = rounds instanceof Number n ? n.longValue() : 0L;
    execution.setVariable(ProcedureVariables.ACCEPTANCE_ROUNDS, done + 1);
  }
}
