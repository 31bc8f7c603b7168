package com.rebound.actions;

import com.rebound.web.Roles;
import static com.rebound.actions.ActionItemVariables.*;

import com.rebound.notify.MessageKind;
import com.rebound.notify.Notifications;
import com.rebound.procedure.ProcedureContractException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the models name for action items: the review's check and tracking ({@code ${checkActionItems}},
 * {@code ${trackActionItems}} in disasterRecovery) and, in process actionItem, the owner's messages
 * ({@code ${actionItemMail}}, the task's local input {@code mail}: assigned, dueSoon or overdue) and the
 * closing of an item ({@code ${closeActionItem}}).
 */
@Configuration
class ActionItemListeners {

  static final List<String> MANAGERS = Roles.MANAGERS_OR_ADMINISTRATORS;

  /** On the completion of postIncidentReview: every item is checked before anything is kept (a 400 otherwise). */
  @Bean("checkActionItems")
  TaskListener checkActionItems(ActionItems items) {
    return items::check;
  }

  /** On the completion of offerPrevention: a client still considering it is asked again by an action item. */
  @Bean("followUpPrevention")
  TaskListener followUpPrevention(ActionItems items) {
    return items::followUpPrevention;
  }

  @Bean("trackActionItems")
  JavaDelegate trackActionItems(ActionItems items) {
    return items::track;
  }

  @Bean("actionItemMail")
  JavaDelegate actionItemMail(Notifications notifications) {
    return execution -> {
      String mail = String.valueOf(execution.getVariableLocal(MAIL));
      MessageKind kind = switch (mail) {
        case "assigned" -> MessageKind.actionItemAssigned;
        case "dueSoon" -> MessageKind.actionItemDueSoon;
        case "overdue" -> MessageKind.actionItemOverdue;
        default -> throw new IllegalArgumentException("mail must be assigned, dueSoon or overdue, got " + mail);
      };
      String id = (String) execution.getVariable(ITEM_ID);
      String user = (String) execution.getVariable(OWNER_USER);
      Map<String, Object> extra = new HashMap<>();
      extra.put("taskName", execution.getVariable(WHAT));
      extra.put("staffAudience", user != null);
      String key = kind + ":" + id;   // each message of an item once, whatever retries
      if (user != null) {
        notifications.toUser(kind, user, execution, execution.getProcessInstanceId(), key, extra);
      } else {
        notifications.toContact(kind, (String) execution.getVariable(OWNER_EMAIL), execution, execution.getProcessInstanceId(), key,
            extra);
      }
    };
  }

  /**
   * On the completion of doActionItem: only its owner or a manager may close it (on every route); the item's
   * row records done or dropped, who and when.
   */
  @Bean("closeActionItem")
  TaskListener closeActionItem(ActionItems items) {
    return task -> {
      Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String owner = (String) task.getVariable(OWNER_USER);
      String by = current == null ? task.getAssignee() : current.getUserId();
      if (current != null && !current.getUserId().equals(owner)
          && (current.getGroupIds() == null || current.getGroupIds().stream().noneMatch(MANAGERS::contains))) {
        throw new AuthorizationException("Only the owner of action item " + task.getVariable(ITEM_ID) + " (" + task.getVariable(OWNER)
            + ") or a manager may close it.");
      }
      Object outcome = task.getVariable(OUTCOME);
      Object reason = task.getVariable(DROP_REASON);
      if (!"done".equals(outcome) && !"dropped".equals(outcome)) {
        throw new ProcedureContractException("'Do the action item' (doActionItem) cannot be completed: itemOutcome must be done or "
            + "dropped, got " + (outcome == null ? "nothing" : "'" + outcome + "'"));
      }
      if ("dropped".equals(outcome) && (!(reason instanceof String text) || text.isBlank() || text.length() > 1000)) {
        throw new ProcedureContractException("'Do the action item' (doActionItem) cannot be completed: dropReason is required when "
            + "itemOutcome is dropped (at most 1000 characters): say why it will not be done");
      }
      Object note = task.getVariable(DONE_NOTE);
      if (note != null && (!(note instanceof String text) || text.length() > 1000)) {
        throw new ProcedureContractException("'Do the action item' (doActionItem) cannot be completed: doneNote must be text of at "
            + "most 1000 characters");
      }
      items.closed((String) task.getVariable(ITEM_ID), (String) outcome, (String) ("dropped".equals(outcome) ? reason : note), by);
    };
  }
}
