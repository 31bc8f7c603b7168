package com.rebound.notify;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import com.rebound.provider.Provider;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes a message in the recipient's language: the subject from the message bundle
 * ({@code mail.<kind>.subject}, messages/rebound*.properties), the body from {@code templates/mail/<kind>.html}.
 */
@Component
public class MailComposer {

  /** A composed message. */
  public record Composed(String subject, String body) {
  }

  private final TemplateEngine templates;
  private final MessageSource messages;
  private final Provider provider;

  MailComposer(TemplateEngine templates, MessageSource messages, Provider provider) {
    this.templates = templates;
    this.messages = messages;
    this.provider = provider;
  }

  public Composed compose(MessageKind kind, String language, Map<String, Object> model) {
    Locale locale = Locale.forLanguageTag(language);
    Context context = new Context(locale, model);
    String subject = messages.getMessage("mail." + kind.name() + ".subject",
        new Object[] {model.get("caseNumber"), model.get("clientName"), model.get("taskName"), model.get("waitedMinutes")}, locale);
    context.setVariable("subject", subject);
    context.setVariable("provider", provider);
    context.setVariable("providerLogo", provider.logoFile().isPresent());
    // a message that goes to staff or to a client's contact says which (model "staffAudience"); otherwise its kind does
    context.setVariable("staff", model.get("staffAudience") instanceof Boolean staff ? staff : kind.toStaff());
    return new Composed(subject, templates.process("mail/" + kind.name(), context));
  }
}
