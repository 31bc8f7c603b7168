package com.rebound.engineguard;

import com.rebound.procedure.ProcedureContractException;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.procedure.StepFields;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Built-in listeners the engine attaches to every process and user task (a model cannot remove them,
 * "skip custom listeners" does not skip them): what a person's command writes is taken by the step it
 * completes, or by the case's start, and checked against what that step allows; a step's name, dates,
 * priority and owner are the model's, not a person's to edit (claiming, unclaiming and reassigning stay).
 */
final class StepWritesRule {

  /** The only property of a step a person may change directly: who works on it. */
  private static final Set<String> PERSON_MAY_CHANGE = Set.of("assignee");

  private StepWritesRule() {
  }

  /** On a process's start: the start fields for the procedure, nothing for any other process. */
  static ExecutionListener onStart(Set<String> allowed, String what) {
    return execution -> {
      Set<String> written = PersonWrites.claim();
      if (written != null) {
        check(what, written, allowed, execution);
        refuseTransient(what, execution);
      }
    };
  }

  /** On a step's completion: its contract's fields and its deployed form's. */
  static TaskListener onComplete() {
    return task -> {
      Set<String> written = PersonWrites.claim();
      if (written != null) {
        String step = task.getTaskDefinitionKey();
        check("'" + step + "'", written, StepFields.ofTask(Context.getCommandContext(), task.getId(), step), task);
        refuseTransient("'" + step + "'", task);
      }
    };
  }

  /** On a step's update by a person (saving the task): only the assignee may change. */
  static TaskListener onUpdate() {
    return task -> {
      if (PersonWrites.isPersonsOwnEvent() && task instanceof TaskEntity entity) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, PropertyChange> change : entity.getPropertyChanges().entrySet()) {
          if (!PERSON_MAY_CHANGE.contains(change.getKey())
              && !Objects.equals(change.getValue().getOrgValue(), change.getValue().getNewValue())) {
            changed.add(change.getKey());
          }
        }
        if (!changed.isEmpty()) {
          throw new AuthorizationException("A step's " + String.join(", ", changed) + " come from the model and the client's "
              + "contract; claim, unclaim or reassign it instead. Nothing was changed.");
        }
      }
    };
  }

  private static void check(String what, Set<String> written, Set<String> allowed, VariableScope scope) {
    Set<String> tooLong = new TreeSet<>();
    for (String name : written) {
      if (scope.getVariable(name) instanceof String text && text.length() > ProcedureVariables.MAX_TEXT) {
        tooLong.add(name);
      }
    }
    if (!tooLong.isEmpty()) {
      throw new ProcedureContractException(String.join(", ", tooLong) + ": a text may be at most " + ProcedureVariables.MAX_TEXT
          + " characters. Nothing was changed.");
    }
    Set<String> refused = new TreeSet<>(written);
    refused.removeAll(allowed);
    if (!refused.isEmpty()) {
      throw new ProcedureContractException(what + " may set only its own fields (" + String.join(", ", new TreeSet<>(allowed))
          + "); not " + String.join(", ", refused) + ". Variables Rebound keeps are written by Rebound. Nothing was changed.");
    }
  }

  /** A transient variable leaves no trace and would still steer this transaction's gateways: a person sends none. */
  private static void refuseTransient(String what, VariableScope scope) {
    Set<String> transients = new TreeSet<>();
    VariableMap variables = scope.getVariablesTyped(false);
    for (String name : variables.keySet()) {
      if (variables.getValueTyped(name).isTransient()) {
        transients.add(name);
      }
    }
    if (!transients.isEmpty()) {
      throw new ProcedureContractException(what + " takes no transient variables (" + String.join(", ", transients)
          + "). Nothing was changed.");
    }
  }

}
