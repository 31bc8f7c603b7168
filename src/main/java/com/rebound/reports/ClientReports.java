package com.rebound.reports;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.notify.AttachmentRenderer;
import com.rebound.procedure.ProcedureVariables;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Final reports in the client's language and time zone; also the {@code finalReport} attachment of the closing e-mail. */
@Component
class ClientReports implements AttachmentRenderer {

  static final String FINAL_REPORT = "finalReport";

  /** A rendered report. */
  record Rendered(String fileName, byte[] content) {
  }

  private final CaseReports reports;
  private final ReportRenderer renderer;
  private final ClientService clients;

  ClientReports(CaseReports reports, ReportRenderer renderer, ClientService clients) {
    this.reports = reports;
    this.renderer = renderer;
    this.clients = clients;
  }

  Optional<Rendered> pdf(String caseNumber, String language) {
    return reports.find(caseNumber).map(report -> new Rendered(caseNumber + "-report.pdf",
        renderer.pdf(report, languageOf(report, language), zoneOf(report))));
  }

  Optional<Rendered> html(String caseNumber, String language) {
    return reports.find(caseNumber).map(report -> new Rendered(caseNumber + "-report.html",
        renderer.html(report, languageOf(report, language), zoneOf(report)).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public Optional<Attachment> render(String attachment, String caseNumber, String language) {
    if (!FINAL_REPORT.equals(attachment)) {
      return Optional.empty();
    }
    return pdf(caseNumber, language).map(r -> new Attachment(r.fileName(), "application/pdf", r.content()));
  }

  private Optional<Client> client(CaseReport report) {
    Object clientId = report.variables().get(ProcedureVariables.CLIENT_ID);
    return clientId instanceof String id ? clients.find(id) : Optional.empty();
  }

  private String languageOf(CaseReport report, String asked) {
    if (asked != null) {
      return asked;
    }
    Object language = report.variables().get(ProcedureVariables.CLIENT_LANGUAGE);
    return language instanceof String l ? l : client(report).map(Client::preferredLanguage).orElse("en");
  }

  private String zoneOf(CaseReport report) {
    return client(report).map(c -> c.businessHours().timeZone()).orElse(null);
  }
}
