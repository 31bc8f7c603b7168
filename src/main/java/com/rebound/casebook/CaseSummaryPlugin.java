package com.rebound.casebook;

import com.rebound.clocks.CaseClocks;
import com.rebound.procedure.ProcedureParseListener;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Attaches the case summary's listeners to every version of the procedure that is deployed (built-in,
 * so a model changed in Modeler keeps them): each step created or completed, and the case's end.
 */
@Component
class CaseSummaryPlugin extends AbstractProcessEnginePlugin {

  private final TaskListener onStep;
  private final ExecutionListener onEnd;

  CaseSummaryPlugin(@Lazy JdbcTemplate jdbc, @Lazy CaseClocks clocks) {
    CaseSummaries summaries = new CaseSummaries(jdbc, clocks);
    this.onStep = task -> summaries.step(task.getExecution(),
        TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) ? task.getTaskDefinitionKey() : null);
    this.onEnd = summaries::closed;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (ProcedureVariables.PROCESS_KEY.equals(processDefinition.getKey())) {
          processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, onEnd);
        }
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        ProcedureParseListener.userTaskOfTheProcedure(activity).ifPresent(behavior -> {
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onStep);
          behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, onStep);
        });
      }
    });
  }
}
