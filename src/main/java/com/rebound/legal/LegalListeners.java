package com.rebound.legal;

import static com.rebound.legal.LegalVariables.*;

import com.rebound.notify.MessageKind;
import com.rebound.notify.Notifications;
import com.rebound.procedure.ProcedureContractException;
import com.rebound.web.Roles;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What process legalObligation names: the confirmation's check and record ({@code ${closeLegalObligation}}), the provider's
 * notice ({@code ${sendLegalNotice}}) and the reminders ({@code ${legalReminder}}, local input {@code mail}: reminder or
 * deadline).
 */
@Configuration
class LegalListeners {

  /**
   * On the completion of confirmObligation: filed (when, not in the future; the reference; by whom) or did not apply (why);
   * a clear 400 naming the field otherwise, and nothing is recorded.
   */
  @Bean("closeLegalObligation")
  TaskListener closeLegalObligation(LegalClocks clocks) {
    return task -> {
      String step = "'" + task.getName() + "' (" + CONFIRM + ") cannot be completed: ";
      Object outcome = task.getVariable(OUTCOME);
      Object note = task.getVariable(NOTE);
      if (note != null && (!(note instanceof String text) || text.length() > 1000)) {
        throw new ProcedureContractException(step + NOTE + " must be text of at most 1000 characters");
      }
      Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String by = current == null ? task.getAssignee() : current.getUserId();
      String id = (String) task.getVariable(OBLIGATION_ID);
      if ("notApplicable".equals(outcome)) {
        if (!(note instanceof String text) || text.isBlank()) {
          throw new ProcedureContractException(step + NOTE + " is required when " + OUTCOME + " is notApplicable: say why it did not "
              + "apply (e.g. the breach is unlikely to result in a risk to people)");
        }
        clocks.confirmed(id, "notApplicable", null, null, null, ((String) note).trim(), by);
        return;
      }
      if (!"filed".equals(outcome)) {
        throw new ProcedureContractException(step + OUTCOME + " must be filed or notApplicable, got "
            + (outcome == null ? "nothing" : "'" + outcome + "'"));
      }
      Instant filedAt = moment(task.getVariable(FILED_AT), step);
      if (filedAt.isAfter(ClockUtil.getCurrentTime().toInstant().plusSeconds(300))) {
        throw new ProcedureContractException(step + FILED_AT + " is in the future (" + filedAt + "): give when it was filed");
      }
      String reference = required(task.getVariable(REFERENCE), REFERENCE, step, "the authority's receipt or registry number");
      String filedBy = required(task.getVariable(FILED_BY), FILED_BY, step, "who sent it");
      clocks.confirmed(id, "filed", filedAt, reference, filedBy, note == null ? null : ((String) note).trim(), by);
    };
  }

  private static String required(Object value, String name, String step, String what) {
    if (!(value instanceof String text) || text.isBlank() || text.length() > 200) {
      throw new ProcedureContractException(step + name + " is required when it was filed (at most 200 characters): " + what);
    }
    return text.trim();
  }

  /** A date-time from the form, with its offset (Tasklist sends one). */
  private static Instant moment(Object value, String step) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof String text && !text.isBlank()) {
      try {
        return OffsetDateTime.parse(text.trim()).toInstant();
      } catch (DateTimeParseException ignored) {
        // reported below
      }
    }
    throw new ProcedureContractException(step + FILED_AT + " is required when it was filed: a date-time such as "
        + "2026-12-07T10:30+01:00, got " + (value == null ? "nothing" : "'" + value + "'"));
  }

  /** The provider's notice, once whatever retries, with the reviewed draft in the body and as a PDF; the obligation is met. */
  @Bean("sendLegalNotice")
  JavaDelegate sendLegalNotice(LegalClocks clocks, Notifications notifications, LegalObligations obligations) {
    return execution -> {
      String id = (String) execution.getVariable(OBLIGATION_ID);
      String address = (String) execution.getVariable(PRIVACY_CONTACT_EMAIL);
      if (address == null || address.isBlank()) {
        throw new IllegalStateException("the client of obligation " + id + " has no privacy contact: give one on the clients page");
      }
      Map<String, Object> extra = new HashMap<>();
      extra.put("taskName", execution.getVariable(TITLE));
      extra.put("authorityDueAt", authorityDue(obligations, execution));
      String key = MessageKind.legalProcessorNotice + ":" + id;
      notifications.toContact(MessageKind.legalProcessorNotice, address, execution, execution.getProcessInstanceId(), key, extra,
          LegalDrafts.ATTACHMENT_PREFIX + execution.getProcessInstanceId());
      clocks.noticeSent(id, "e-mail to " + address, reviewer(execution));
    };
  }

  /** The client's own 72 hours to notify the authority, as its obligation counts them (the same moment when there is none). */
  private static Date authorityDue(LegalObligations obligations, DelegateExecution execution) {
    return obligations.find(obligationId((String) execution.getVariable(com.rebound.procedure.ProcedureVariables.CASE_NUMBER),
        "gdpr-authority")).map(o -> Date.from((java.time.Instant) o.get("dueAt")))
        .orElseGet(() -> new Date(((Date) execution.getVariable(COUNTED_FROM)).getTime() + 72 * 3_600_000L));
  }

  private static String reviewer(DelegateExecution execution) {
    return execution.getProcessEngineServices().getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(REVIEW_NOTICE).finished().list().stream()
        .map(t -> t.getAssignee()).filter(a -> a != null).findFirst().orElse(null);
  }

  /**
   * At a share of the deadline: to whoever files it (the client's privacy contact for the client's duties, the technicians
   * for the provider's); at the deadline, to the managers. Each once, whatever retries.
   */
  @Bean("legalReminder")
  JavaDelegate legalReminder(LegalClocks clocks, Notifications notifications) {
    return execution -> {
      String mail = String.valueOf(execution.getVariableLocal(MAIL));
      String id = (String) execution.getVariable(OBLIGATION_ID);
      Map<String, Object> extra = new HashMap<>();
      extra.put("taskName", execution.getVariable(TITLE));
      String key = mail + ":" + id + ":" + execution.getCurrentActivityId();
      switch (mail) {
        case "reminder" -> {
          String contact = (String) execution.getVariable(PRIVACY_CONTACT_EMAIL);
          if ("client".equals(execution.getVariable(RESPONSIBLE))) {
            extra.put("staffAudience", false);
            if (contact != null) {
              notifications.toContact(MessageKind.legalReminder, contact, execution, execution.getProcessInstanceId(), key, extra);
            } else {
              // no privacy contact in the profile (a NIS2 or DORA duty): the client's contacts
              notifications.toClient(MessageKind.legalReminder, execution, execution.getProcessInstanceId(), key, extra);
            }
          }
          extra.put("staffAudience", true);
          notifications.toGroup(MessageKind.legalReminder, Roles.TECHNICIANS, execution, execution.getProcessInstanceId(), key + ":staff",
              extra);
          clocks.reminded(id);
        }
        case "deadline" -> {
          notifications.toGroup(MessageKind.legalDeadlinePassed, Roles.MANAGERS, execution, execution.getProcessInstanceId(), key, extra);
          clocks.deadlinePassed(id);
        }
        default -> throw new IllegalArgumentException("mail must be reminder or deadline, got " + mail);
      }
    };
  }
}
