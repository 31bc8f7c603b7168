package com.rebound.procedure;

import com.rebound.cases.CaseNumbers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Runs when any case of the procedure starts, however it was started (Rebound's API, the Tasklist
 * start form, {@code /engine-rest}): checks the start variables and makes sure the case has its
 * number, as business key and as the variable {@code caseNumber} that Tasklist shows.
 */
class CaseStart implements ExecutionListener {

  private final CaseNumbers caseNumbers;

  CaseStart(CaseNumbers caseNumbers) {
    this.caseNumbers = caseNumbers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    StepCheck.apply(ProcedureVariables.START, "Disaster reported", execution);
    String caseNumber = execution.getProcessBusinessKey();
    if (caseNumber == null || caseNumber.isBlank()) {
      caseNumber = caseNumbers.next();
      execution.setProcessBusinessKey(caseNumber);
    }
    execution.setVariable(ProcedureVariables.CASE_NUMBER, caseNumber.trim());
  }
}
