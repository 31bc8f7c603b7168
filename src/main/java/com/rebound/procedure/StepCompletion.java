package com.rebound.procedure;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Runs when a user task of the procedure is completed: the step's variables must meet the contract. */
class StepCompletion implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String step = task.getTaskDefinitionKey();
    StepCheck.apply(step, task.getName() == null ? step : task.getName(), task);
  }
}
