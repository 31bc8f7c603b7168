package com.rebound.notify;

import com.rebound.settings.ReboundSettings;
import com.rebound.clients.Client;
import com.rebound.procedure.ProcedureVariables;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Service;

/**
 * Writes the procedure's messages to the outbox, inside the transaction of the step that causes them:
 * to the client's contacts in the client's language, or to Rebound's staff in English.
 */
@Service
public class Notifications {

  private final Outbox outbox;
  private final MailComposer composer;
  private final Recipients recipients;
  private final String publicUrl;
  private final org.springframework.beans.factory.ObjectProvider<ClientStatusLinks> statusLinks;

  Notifications(Outbox outbox, MailComposer composer, Recipients recipients, ReboundSettings settings,
      org.springframework.beans.factory.ObjectProvider<ClientStatusLinks> statusLinks) {
    String publicUrl = settings.publicUrl();
    this.statusLinks = statusLinks;
    this.outbox = outbox;
    this.composer = composer;
    this.recipients = recipients;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** Where Rebound is reached from outside (links in messages). */
  public String publicUrl() {
    return publicUrl;
  }

  /** The language the client's contacts read (es or en). */
  public String clientLanguage(String clientId) {
    return recipients.client(clientId).map(Client::preferredLanguage).orElse(recipients.staffLanguage());
  }

  /** A message to every contact of the case's client. */
  public void toClient(MessageKind kind, VariableScope scope, String processInstanceId, String dedupKey, Map<String, Object> extra) {
    Recipients.Audience audience = recipients.clientContacts((String) scope.getVariable(ProcedureVariables.CLIENT_ID));
    send(kind, audience, scope, processInstanceId, dedupKey, withStatusLink(extra, scope, audience),
        kind == MessageKind.caseClosed ? "finalReport" : null);
  }

  /** A message to every member of a group who has an e-mail address. */
  public void toGroup(MessageKind kind, String groupId, VariableScope scope, String processInstanceId, String dedupKey,
      Map<String, Object> extra) {
    send(kind, recipients.group(groupId).in(clientZone(scope)), scope, processInstanceId, dedupKey, extra, null);
  }

  /** A message to one user, if they have an e-mail address. */
  public void toUser(MessageKind kind, String userId, VariableScope scope, String processInstanceId, String dedupKey,
      Map<String, Object> extra) {
    send(kind, recipients.user(userId).in(clientZone(scope)), scope, processInstanceId, dedupKey, extra, null);
  }

  /** A message to one contact of the case's client, in the client's language. */
  public void toContact(MessageKind kind, String address, VariableScope scope, String processInstanceId, String dedupKey,
      Map<String, Object> extra) {
    Recipients.Audience contacts = recipients.clientContacts((String) scope.getVariable(ProcedureVariables.CLIENT_ID));
    send(kind, new Recipients.Audience(java.util.List.of(address), contacts.language(), contacts.timeZone()), scope, processInstanceId,
        dedupKey, withStatusLink(extra, scope, contacts), null);
  }

  /** A message to one contact of the case's client with an attachment rendered when it is sent ({@link AttachmentRenderer}). */
  public void toContact(MessageKind kind, String address, VariableScope scope, String processInstanceId, String dedupKey,
      Map<String, Object> extra, String attachment) {
    Recipients.Audience contacts = recipients.clientContacts((String) scope.getVariable(ProcedureVariables.CLIENT_ID));
    send(kind, new Recipients.Audience(java.util.List.of(address), contacts.language(), contacts.timeZone()), scope, processInstanceId,
        dedupKey, withStatusLink(extra, scope, contacts), attachment);
  }

  /** A message to the client carries the case's live page ({@code statusUrl}), when the case has one. */
  private Map<String, Object> withStatusLink(Map<String, Object> extra, VariableScope scope, Recipients.Audience audience) {
    Object caseNumber = scope.getVariable(ProcedureVariables.CASE_NUMBER);
    ClientStatusLinks links = statusLinks.getIfAvailable();
    if (!(caseNumber instanceof String number) || links == null || audience.addresses().isEmpty()) {
      return extra;
    }
    Map<String, Object> with = new HashMap<>(extra);
    links.statusUrl(number, audience.language()).ifPresent(url -> with.put("statusUrl", url));
    return with;
  }

  /** Staff read a case's times in its client's time zone. */
  private String clientZone(VariableScope scope) {
    return recipients.client((String) scope.getVariable(ProcedureVariables.CLIENT_ID)).map(c -> c.businessHours().timeZone()).orElse(null);
  }

  /** The dedup key of an event at an activity of a case: the same event never queues its message twice. */
  public static String key(MessageKind kind, DelegateExecution execution) {
    return kind.name() + ":" + execution.getProcessInstanceId() + ":" + execution.getActivityInstanceId();
  }

  /**
   * A staff's answer to the client's contacts, about a case read outside a step (its variables given); returns the outbox
   * message's id (a reply to it finds the case), or 0 when the client has no contact.
   */
  public long toClientOutsideAStep(MessageKind kind, Map<String, Object> caseVariables, String processInstanceId, String dedupKey,
      Map<String, Object> extra) {
    Object clientId = caseVariables.get(ProcedureVariables.CLIENT_ID);
    Recipients.Audience audience = recipients.clientContacts(clientId instanceof String id ? id : null);
    if (audience.addresses().isEmpty()) {
      return 0;
    }
    Map<String, Object> model = new HashMap<>(caseVariables);
    model.putAll(extra);
    ClientStatusLinks links = statusLinks.getIfAvailable();
    if (links != null && caseVariables.get(ProcedureVariables.CASE_NUMBER) instanceof String number) {
      links.statusUrl(number, audience.language()).ifPresent(url -> model.put("statusUrl", url));
    }
    model.put("fmt", new Formats(audience.language(), audience.timeZone()));
    model.put("publicUrl", publicUrl);
    MailComposer.Composed composed = composer.compose(kind, audience.language(), model);
    return outbox.enqueueReturningId(new OutboxMessage(dedupKey, kind, (String) caseVariables.get(ProcedureVariables.CASE_NUMBER),
        processInstanceId, audience.addresses(), audience.language(), composed.subject(), composed.body(), null));
  }

  /** A message to one user about a case read outside a step (a client's reply come in). */
  public void toUserOutsideAStep(MessageKind kind, String userId, Map<String, Object> caseVariables, String processInstanceId,
      String dedupKey, Map<String, Object> extra) {
    toUser(kind, userId, caseVariables, processInstanceId, dedupKey, extra);
  }

  /** A message to every member of a group, about a case read outside a step (a scheduled check). */
  void toGroup(MessageKind kind, String groupId, Map<String, Object> caseVariables, String processInstanceId, String dedupKey,
      Map<String, Object> extra) {
    send(kind, recipients.group(groupId).in(clientZone(caseVariables)), caseVariables, processInstanceId, dedupKey, extra, null);
  }

  /** A message to one user, about a case read outside a step. */
  void toUser(MessageKind kind, String userId, Map<String, Object> caseVariables, String processInstanceId, String dedupKey,
      Map<String, Object> extra) {
    send(kind, recipients.user(userId).in(clientZone(caseVariables)), caseVariables, processInstanceId, dedupKey, extra, null);
  }

  /** The time zone of the client of a case read outside a step. */
  private String clientZone(Map<String, Object> caseVariables) {
    Object clientId = caseVariables.get(ProcedureVariables.CLIENT_ID);
    return recipients.client(clientId instanceof String id ? id : null).map(c -> c.businessHours().timeZone()).orElse(null);
  }

  private void send(MessageKind kind, Recipients.Audience audience, VariableScope scope, String processInstanceId,
      String dedupKey, Map<String, Object> extra, String attachment) {
    if (!audience.addresses().isEmpty()) {
      send(kind, audience, scope.getVariables(), processInstanceId, dedupKey, extra, attachment);
    }
  }

  private void send(MessageKind kind, Recipients.Audience audience, Map<String, Object> caseVariables, String processInstanceId,
      String dedupKey, Map<String, Object> extra, String attachment) {
    if (audience.addresses().isEmpty()) {
      return;
    }
    Map<String, Object> model = new HashMap<>(caseVariables);
    model.putAll(extra);
    model.put("fmt", new Formats(audience.language(), audience.timeZone()));
    model.put("publicUrl", publicUrl);
    MailComposer.Composed composed = composer.compose(kind, audience.language(), model);
    outbox.enqueue(new OutboxMessage(dedupKey, kind, (String) caseVariables.get(ProcedureVariables.CASE_NUMBER), processInstanceId,
        audience.addresses(), audience.language(), composed.subject(), composed.body(), attachment));
  }
}
