package com.rebound.notify;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
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

  MailComposer(TemplateEngine templates, MessageSource messages) {
    this.templates = templates;
    this.messages = messages;
  }

  public Composed compose(MessageKind kind, String language, Map<String, Object> model) {
    Locale locale = Locale.forLanguageTag(language);
    Context context = new Context(locale, model);
    String subject = messages.getMessage("mail." + kind.name() + ".subject",
        new Object[] {model.get("caseNumber"), model.get("clientName"), model.get("taskName")}, locale);
    context.setVariable("subject", subject);
    return new Composed(subject, templates.process("mail/" + kind.name(), context));
  }
}
