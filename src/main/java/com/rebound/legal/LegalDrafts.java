package com.rebound.legal;

import static com.rebound.legal.LegalVariables.*;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.notify.AttachmentRenderer;
import com.rebound.notify.Formats;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.security.CurrentUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The draft notification of a personal-data breach (the contents GDPR art. 33(3) asks for): prefilled from the case when
 * the obligation starts, corrected by a technician in the review step, shown as HTML and PDF (templates/legal/draft.html)
 * in the client's language, and attached as PDF to the provider's notice ({@code legalDraft:<obligation id>}).
 */
@Component
class LegalDrafts implements AttachmentRenderer {

  static final String ATTACHMENT_PREFIX = "legalDraft:";

  private final TemplateEngine templates;
  private final HistoryService history;
  private final ClientService clients;
  private final CurrentUser currentUser;

  LegalDrafts(TemplateEngine templates, HistoryService history, ClientService clients, CurrentUser currentUser) {
    this.templates = templates;
    this.history = history;
    this.clients = clients;
    this.currentUser = currentUser;
  }

  /** What the case already tells of the breach; the rest is left for the technician (the review step requires every field). */
  static Map<String, Object> prefill(Map<String, Object> caseVariables, Client.Legal legal) {
    Map<String, Object> draft = new HashMap<>();
    StringBuilder nature = new StringBuilder(String.valueOf(caseVariables.getOrDefault(ProcedureVariables.SUMMARY, "")));
    append(nature, "Probable cause", caseVariables.get(ProcedureVariables.PROBABLE_CAUSE));
    append(nature, "Systems affected", caseVariables.get(ProcedureVariables.AFFECTED_SYSTEMS));
    append(nature, "Damage", caseVariables.get(ProcedureVariables.DAMAGED_SCOPE));
    draft.put(DRAFT_NATURE, nature.toString().trim());
    draft.put(DRAFT_CATEGORIES, null);
    draft.put(DRAFT_PEOPLE, null);
    draft.put(DRAFT_RECORDS, null);
    String contact = legal.privacyContactEmail() == null ? null
        : (legal.privacyContactName() == null ? "" : legal.privacyContactName() + ", ") + legal.privacyContactEmail();
    draft.put(DRAFT_CONTACT, contact);
    Object impact = caseVariables.get(ProcedureVariables.IMPACT_LEVEL);
    Object users = caseVariables.get(ProcedureVariables.USERS_AFFECTED);
    draft.put(DRAFT_CONSEQUENCES, impact == null && users == null ? null
        : ("Impact on the business: " + (impact == null ? "being assessed" : impact) + (users == null ? "" : "; users affected: " + users) + "."));
    draft.put(DRAFT_MEASURES, "Incident " + caseVariables.get(ProcedureVariables.CASE_NUMBER)
        + " is handled under our disaster-recovery procedure: assessment, containment and recovery from backups."
        + (caseVariables.get(ProcedureVariables.RUNBOOK_NAME) == null ? "" : " Runbook: " + caseVariables.get(ProcedureVariables.RUNBOOK_NAME) + "."));
    return draft;
  }

  private static void append(StringBuilder text, String label, Object value) {
    if (value != null && !String.valueOf(value).isBlank() && !"[]".equals(String.valueOf(value))) {
      text.append(text.isEmpty() ? "" : ". ").append(label).append(": ").append(String.valueOf(value).replaceAll("[\\[\\]\"]", ""));
    }
  }

  /** The obligation's draft as its variables stand now (running or ended), or empty when there is no such obligation. */
  Optional<Map<String, Object>> variables(String processInstanceId) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance v : currentUser.asRebound(() -> history.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).list())) {
      variables.put(v.getName(), v.getValue());
    }
    return variables.isEmpty() ? Optional.empty() : Optional.of(variables);
  }

  String html(Map<String, Object> variables) {
    Client client = clients.find((String) variables.get(ProcedureVariables.CLIENT_ID)).orElse(null);
    String language = client == null ? "en" : client.preferredLanguage();
    Map<String, Object> model = new HashMap<>(variables);
    model.put("fmt", new Formats(language, client == null ? "UTC" : client.businessHours().timeZone()));
    model.put("language", language);
    return templates.process("legal/draft", new Context(Locale.forLanguageTag(language), model));
  }

  byte[] pdf(Map<String, Object> variables) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html(variables), null);
      builder.toStream(out);
      builder.run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<Attachment> render(String attachment, String caseNumber, String language) {
    if (attachment == null || !attachment.startsWith(ATTACHMENT_PREFIX)) {
      return Optional.empty();
    }
    String processInstanceId = attachment.substring(ATTACHMENT_PREFIX.length());
    return variables(processInstanceId).map(v -> new Attachment(v.get(OBLIGATION_ID) + "-draft.pdf", "application/pdf", pdf(v)));
  }
}
