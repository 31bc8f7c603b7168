package com.rebound.engineguard;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.ErrorEventDefinition;
import org.camunda.bpm.engine.impl.bpmn.parser.EscalationEventDefinition;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;

/**
 * A person may throw a BPMN error or escalation from a step only where the model catches it (a boundary
 * event on the step or an enclosing sub-process, or an event sub-process): an error nothing catches would
 * end the case, skipping the client's acceptance and the closing mail.
 */
final class CaughtHere extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    if ((command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) && Persons.current() != null) {
      boolean error = command instanceof HandleTaskBpmnErrorCmd;
      String code = (String) EngineCommands.field(command, error ? "errorCode" : "escalationCode");
      TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById((String) EngineCommands.field(command, "taskId"));
      ExecutionEntity execution = task == null ? null : task.getExecution();
      if (execution != null && !caught(execution.getActivity(), error, code)) {
        throw new AuthorizationException("The " + (error ? "BPMN error" : "escalation") + " '" + code + "' is not caught at '"
            + (task.getName() == null ? task.getTaskDefinitionKey() : task.getName()) + "' in the model: it would end the case "
            + "without its remaining steps. Complete the step instead. Nothing was changed.");
      }
    }
    return next.execute(command);
  }

  private static boolean caught(ScopeImpl activity, boolean error, String code) {
    for (ScopeImpl scope = activity; scope != null; scope = scope.getFlowScope()) {
      if (error) {
        List<ErrorEventDefinition> catching = scope.getProperties().get(BpmnProperties.ERROR_EVENT_DEFINITIONS);
        if (catching != null && catching.stream().anyMatch(definition -> definition.catchesError(code))) {
          return true;
        }
      } else {
        List<EscalationEventDefinition> catching = scope.getProperties().get(BpmnProperties.ESCALATION_EVENT_DEFINITIONS);
        if (catching != null && catching.stream().anyMatch(d -> d.getEscalationCode() == null || d.getEscalationCode().equals(code))) {
          return true;
        }
      }
    }
    return false;
  }
}
