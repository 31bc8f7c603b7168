package com.rebound.procedure;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/** Runs when a user task of the procedure is completed: the step's variables must meet its form and the contract. */
class StepCompletion implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String step = task.getTaskDefinitionKey();
    String name = task.getName() == null ? step : task.getName();
    StepCheck.apply(step, name, task);   // the contract first: its messages and its normalised values
    FormCheck.apply(task, name);
  }
}
