package com.rebound.casebook;

import com.rebound.clocks.CaseClocks;
import com.rebound.procedure.ProcedureParseListener;
import com.rebound.procedure.ProcedureVariables;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case summary's listeners on every version of the procedure (built-in, so a model changed in Modeler
 * keeps them): each step created or completed, and the case's end.
 */
public final class CaseSummaryListeners {

  private CaseSummaryListeners() {
  }

  /** The parse listener that attaches them; the database and the clocks are looked up when a case first needs them. */
  public static BpmnParseListener parseListener(Supplier<JdbcTemplate> jdbc, Supplier<CaseClocks> clocks) {
    Supplier<CaseSummaries> summaries = new Supplier<>() {
      private volatile CaseSummaries made;

      @Override
      public CaseSummaries get() {
        if (made == null) {
          made = new CaseSummaries(jdbc.get(), clocks.get());
        }
        return made;
      }
    };
    TaskListener onStep = task -> summaries.get().step(task.getExecution(),
        TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) ? task.getTaskDefinitionKey() : null);
    ExecutionListener onEnd = execution -> summaries.get().closed(execution);
    return new AbstractBpmnParseListener() {
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
    };
  }
}
