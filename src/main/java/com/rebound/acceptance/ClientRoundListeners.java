package com.rebound.acceptance;

import com.rebound.notify.MessageKind;
import com.rebound.notify.Notifications;
import com.rebound.procedure.ProcedureContractException;
import com.rebound.procedure.ProcedureVariables;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listeners the model names for the client's rounds: {@code ${openClientRound}} when clientAcceptance
 * or clientConsent is created (a round, a link, the message with the link), {@code ${remindClientByMail}}
 * on the acceptance reminder (a fresh link for the same round), {@code ${closeClientRound}} when the
 * task is completed, from Tasklist or from the client's link, whichever comes first.
 */
@Configuration
class ClientRoundListeners {

  /** Task-local variable: the round a clientAcceptance or clientConsent task belongs to. */
  static final String ROUND = "clientRound";

  @Bean("openClientRound")
  TaskListener openClientRound(ClientRounds rounds, ClientLinks links, Notifications notifications) {
    return task -> {
      Purpose purpose = purposeOf(task);
      String caseNumber = (String) task.getVariable(ProcedureVariables.CASE_NUMBER);
      // acceptance rounds are counted by the model (${countAcceptanceRound}); without that count, Rebound counts them
      int round = purpose == Purpose.ACCEPTANCE && task.getVariable(ProcedureVariables.ACCEPTANCE_ROUNDS) instanceof Number counted
          ? counted.intValue()
          : rounds.next(purpose, task.getProcessInstanceId());
      task.setVariableLocal(ROUND, round);
      rounds.open(purpose, task.getProcessInstanceId(), round, caseNumber);
      ClientLinks.Issued link = links.issue(purpose, task.getProcessInstanceId(), caseNumber, round, language(task, notifications));
      MessageKind kind = purpose == Purpose.ACCEPTANCE ? MessageKind.readyForTesting : MessageKind.consentRequest;
      notifications.toClient(kind, task, task.getProcessInstanceId(), kind + ":" + task.getId(),
          linkModel(notifications, purpose, link, round));
    };
  }

  @Bean("remindClientByMail")
  ExecutionListener remindClientByMail(ClientRounds rounds, ClientLinks links, Notifications notifications) {
    return execution -> {
      String caseNumber = (String) execution.getVariable(ProcedureVariables.CASE_NUMBER);
      // the reminder fires on the open acceptance task: its round is the case's latest
      int round = rounds.next(Purpose.ACCEPTANCE, execution.getProcessInstanceId()) - 1;
      ClientLinks.Issued link = links.issue(Purpose.ACCEPTANCE, execution.getProcessInstanceId(), caseNumber, round,
          language(execution, notifications));
      notifications.toClient(MessageKind.acceptanceReminder, execution, execution.getProcessInstanceId(),
          Notifications.key(MessageKind.acceptanceReminder, execution), linkModel(notifications, Purpose.ACCEPTANCE, link, round));
    };
  }

  @Bean("closeClientRound")
  TaskListener closeClientRound(ClientRounds rounds) {
    return task -> {
      Object round = task.getVariableLocal(ROUND);
      if (!(round instanceof Number number)) {
        return;
      }
      Purpose purpose = purposeOf(task);
      int roundNumber = number.intValue();
      if (!ClientRoundService.answeringThroughLink(task.getProcessInstanceId(), purpose, roundNumber)) {
        String outcome = purpose == Purpose.ACCEPTANCE
            ? (Boolean.TRUE.equals(task.getVariable(ProcedureVariables.CLIENT_ACCEPTED)) ? "accepted" : "problems")
            : (Boolean.TRUE.equals(task.getVariable(ProcedureVariables.CLIENT_CONSENTED)) ? "consented" : "refused");
        if (!rounds.close(purpose, task.getProcessInstanceId(), roundNumber, staff(task), ClientRoundService.VIA_TASKLIST, outcome)) {
          ClientRounds.Round closed = rounds.find(purpose, task.getProcessInstanceId(), roundNumber).orElseThrow();
          throw new ProcedureContractException("'" + task.getName() + "' of case " + closed.caseNumber() + " was already answered by "
              + closed.closedBy() + " (" + closed.closedVia() + ", " + closed.closedAt() + "): this round is closed; reload your tasks.");
        }
      }
      // the variables repeat the round's recorded facts for the model and the mails; pages and reports read the round
      ClientRounds.Round closed = rounds.find(purpose, task.getProcessInstanceId(), roundNumber).orElseThrow();
      task.setVariable(ProcedureVariables.ANSWERED_VIA, closed.closedVia());
      task.setVariable(ProcedureVariables.ANSWERED_BY, closed.closedBy());
    };
  }

  private static String staff(DelegateTask task) {
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return current.getUserId();
    }
    return task.getAssignee() == null ? "Rebound" : task.getAssignee();
  }

  private static String language(VariableScope scope, Notifications notifications) {
    Object language = scope.getVariable(ProcedureVariables.CLIENT_LANGUAGE);
    return language instanceof String l && !l.isBlank() ? l
        : notifications.clientLanguage((String) scope.getVariable(ProcedureVariables.CLIENT_ID));
  }

  static Purpose purposeOf(DelegateTask task) {
    return ProcedureVariables.Tasks.CLIENT_CONSENT.equals(task.getTaskDefinitionKey()) ? Purpose.CONSENT : Purpose.ACCEPTANCE;
  }

  private static Map<String, Object> linkModel(Notifications notifications, Purpose purpose, ClientLinks.Issued link, int round) {
    Map<String, Object> model = new HashMap<>();
    model.put("link", notifications.publicUrl() + (purpose == Purpose.ACCEPTANCE ? "/acceptance/" : "/consent/") + link.token());
    model.put("linkExpiresAt", Date.from(link.expiresAt()));
    model.put("round", round);
    return model;
  }
}
