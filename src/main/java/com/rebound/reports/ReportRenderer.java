package com.rebound.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.rebound.notify.Formats;
import com.rebound.notify.TemplateModel;
import com.rebound.prevention.PreventionAdvice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import com.rebound.provider.Provider;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** The final report of a case as HTML (templates/report/case-report.html, XHTML) and as PDF (the same page, printed). */
@Component
class ReportRenderer {

  private final TemplateEngine templates;
  private final PreventionAdvice prevention;
  private final Clock clock;
  private final org.springframework.context.MessageSource messages;
  private final Provider provider;
  private final com.rebound.procedure.ModelNames modelNames;

  ReportRenderer(TemplateEngine templates, PreventionAdvice prevention, Clock clock, org.springframework.context.MessageSource messages,
      Provider provider, com.rebound.procedure.ModelNames modelNames) {
    this.templates = templates;
    this.provider = provider;
    this.messages = messages;
    this.modelNames = modelNames;
    this.prevention = prevention;
    this.clock = clock;
  }

  String html(CaseReport report, String language, String timeZone) {
    Map<String, Object> model = new HashMap<>(report.variables());
    model.put("report", TemplateModel.of(report));
    CaseReport.Rto rto = report.rto();
    if (!"notAgreed".equals(rto.status()) && rto.agreedHours() > 0) {
      double scale = Math.max(rto.agreedHours(), rto.usedHours());
      model.put("rtoBar", Map.of("agreed", Math.round(rto.agreedHours() * 100 / scale),
          "used", Math.max(1, Math.round(rto.usedHours() * 100 / scale))));
    }
    model.put("fmt", new Formats(language, timeZone));
    model.put("generatedAt", Date.from(clock.instant()));
    model.put("language", language);
    Locale locale = Locale.forLanguageTag(language);
    model.put("stepNames", report.timeline().stream().collect(java.util.stream.Collectors.toMap(CaseReport.Step::activityId,
        step -> modelNames.step(step.activityId(), step.name(), locale), (a, b) -> a)));
    model.put("recommendations", report.recommendations().stream().map(code -> prevention.name(code, language)).toList());
    model.put("provider", provider);
    model.put("providerLogo", provider.logoFile().map(Provider.Logo::dataUri).orElse(null));
    // the printed report's margins: the provider and the case on the left, the page number on the right
    model.put("pageCss", "@page { @bottom-left { content: " + cssString((provider.named() ? provider.name() + " · " : "")
        + report.caseNumber()) + "; font-size: 8pt; color: #666; } @bottom-right { content: "
        + cssString(messages.getMessage("report.page", null, locale) + " ") + " counter(page) " + cssString(" / ")
        + " counter(pages); font-size: 8pt; color: #666; } }");
    return templates.process("report/case-report", new Context(Locale.forLanguageTag(language), model));
  }

  /**
   * A CSS string literal of any text: quotes, backslashes, line ends and the characters markup gives a
   * meaning to are CSS escapes, so the text can sit in a style element of the page and of the PDF's XHTML.
   */
  private static String cssString(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '\'' || c < 0x20) {
        quoted.append('\\').append(Integer.toHexString(c)).append(' ');
      } else {
        quoted.appendCodePoint(c);
      }
    });
    return quoted.append('"').toString();
  }

  byte[] pdf(CaseReport report, String language, String timeZone) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(html(report, language, timeZone), null);
      builder.toStream(out);
      builder.run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
