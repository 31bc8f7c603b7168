package com.rebound.notify;

import com.rebound.web.Roles;
import com.rebound.clocks.CaseClocks;
import com.rebound.procedure.ProcedureVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Optional;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listeners the model names for its messages ({@code camunda:delegateExpression="${notifyCaseOpened}"}...):
 * each writes one message to the outbox in the step's transaction.
 */
@Configuration
class NotificationListeners {


  /**
   * When the case opens, and again when the assessment confirms a disaster (once per case: the second is the same
   * message). A case a monitor opened is announced only then: a false alarm never reaches the client.
   */
  @Bean("notifyCaseOpened")
  ExecutionListener notifyCaseOpened(Notifications notifications) {
    return execution -> {
      if (Boolean.TRUE.equals(execution.getVariable(ProcedureVariables.OPENED_BY_MONITOR))
          && !ExecutionListener.EVENTNAME_TAKE.equals(execution.getEventName())) {
        return;
      }
      notifications.toClient(MessageKind.caseOpened, execution, execution.getProcessInstanceId(),
          MessageKind.caseOpened + ":" + execution.getProcessInstanceId(), Map.of());
    };
  }

  /** The assessment found no disaster: the client is told why, if they were told the case was open (a monitor's case was not). */
  @Bean("notifyCaseDismissed")
  ExecutionListener notifyCaseDismissed(Notifications notifications) {
    return execution -> {
      if (Boolean.TRUE.equals(execution.getVariable(ProcedureVariables.OPENED_BY_MONITOR))) {
        return;
      }
      notifications.toClient(MessageKind.caseDismissed, execution, execution.getProcessInstanceId(),
          MessageKind.caseDismissed + ":" + execution.getProcessInstanceId(), Map.of());
    };
  }

  /**
   * When a ransomware runbook's step "Prove the restore point clean" first opens: the client is told the restore waits for
   * clean backups (once a case: an older point to prove writes the same message). Filed under the case, not the runbook.
   */
  @Bean("notifyRestorePointCheck")
  TaskListener notifyRestorePointCheck(Notifications notifications) {
    return task -> {
      String caseInstance = caseOf(task);
      notifications.toClient(MessageKind.restorePointCheck, task, caseInstance, MessageKind.restorePointCheck + ":" + caseInstance,
          Map.of());
    };
  }

  /**
   * When a ransomware runbook's restore point is proven clean: if it is older than the agreed RPO (counted back from when the
   * disaster was detected), the client is told the data loss it means. A date the listener cannot read sends nothing.
   */
  @Bean("notifyRestorePointAge")
  TaskListener notifyRestorePointAge(Notifications notifications) {
    return task -> {
      Optional<Instant> takenAt = RestorePointAge.instant(task.getVariable(ProcedureVariables.RESTORE_POINT_TAKEN_AT));
      Object detected = task.getVariable(ProcedureVariables.DETECTED_AT);
      Object rpo = task.getVariable(ProcedureVariables.RPO_HOURS);
      if (!ProcedureVariables.CLEAN.equals(task.getVariable(ProcedureVariables.RESTORE_POINT_VERDICT)) || takenAt.isEmpty() || !(detected instanceof Date detectedAt)
          || !(rpo instanceof Number rpoHours)) {
        return;
      }
      long lostHours = Duration.between(takenAt.get(), detectedAt.toInstant()).toHours();
      if (lostHours <= rpoHours.longValue()) {
        return;
      }
      notifications.toClient(MessageKind.restorePointOlderThanRpo, task, caseOf(task),
          MessageKind.restorePointOlderThanRpo + ":" + task.getId(),
          Map.of("takenAt", Date.from(takenAt.get()), "lostHours", lostHours, "rpoHours", rpoHours.longValue()));
    };
  }

  /** The case a runbook's step belongs to: the process instance that called the runbook (its own, run alone). */
  private static String caseOf(DelegateTask task) {
    DelegateExecution caller = task.getExecution().getProcessInstance().getSuperExecution();
    return caller == null ? task.getProcessInstanceId() : caller.getProcessInstanceId();
  }

  /** On the completion of agreeObjectives: what was agreed, with whom, and when the agreed RTO ends. */
  @Bean("notifyObjectivesAgreed")
  TaskListener notifyObjectivesAgreed(Notifications notifications, CaseClocks clocks) {
    return task -> notifications.toClient(MessageKind.objectivesAgreed, task, task.getProcessInstanceId(),
        MessageKind.objectivesAgreed + ":" + task.getId(), counted(clocks, task.getExecution(), clocks.rtoBreach(task.getExecution())));
  }

  /** The deadline, and how it was counted when in business hours (the days, hours and holidays the mail names). */
  private static Map<String, Object> counted(CaseClocks clocks, DelegateExecution execution,
      Object deadline) {
    Map<String, Object> model = new HashMap<>();
    model.put("rtoDeadline", deadline);
    model.put("counting", clocks.counting((String) execution.getVariable(ProcedureVariables.CLIENT_ID)));
    return model;
  }

  @Bean("notifyRtoWarning")
  ExecutionListener notifyRtoWarning(Notifications notifications, CaseClocks clocks) {
    return execution -> notifications.toGroup(MessageKind.rtoWarning, Roles.MANAGERS, execution, execution.getProcessInstanceId(),
        Notifications.key(MessageKind.rtoWarning, execution), Map.of("rtoDeadline", clocks.rtoBreach(execution)));
  }

  @Bean("notifyRtoBreach")
  ExecutionListener notifyRtoBreach(Notifications notifications, CaseClocks clocks) {
    return execution -> notifications.toGroup(MessageKind.rtoBreach, Roles.MANAGERS, execution, execution.getProcessInstanceId(),
        Notifications.key(MessageKind.rtoBreach, execution), Map.of("rtoDeadline", clocks.rtoBreach(execution)));
  }

  /** The case is closed: the client gets the final report (attached when the message is sent). */
  @Bean("notifyCaseClosed")
  ExecutionListener notifyCaseClosed(Notifications notifications) {
    return execution -> notifications.toClient(MessageKind.caseClosed, execution, execution.getProcessInstanceId(),
        MessageKind.caseClosed + ":" + execution.getProcessInstanceId(), Map.of());
  }
}
