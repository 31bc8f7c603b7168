package com.rebound.reports;

import com.rebound.web.ApiProblem;
import com.rebound.web.Problems;
import com.rebound.web.Roles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import com.rebound.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import com.rebound.security.StylePolicy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/incidents/{caseNumber}/report}: the case's final report for technicians and managers,
 * as PDF ({@code Accept: application/pdf}) or HTML ({@code Accept: text/html}), in the client's
 * language unless {@code ?language=es|en} asks for another.
 */
@RestController
class ReportController {

  private static final List<String> READERS = List.of(Roles.TECHNICIANS, Roles.MANAGERS, Roles.ADMINISTRATORS);
  private final ClientReports reports;
  private final CurrentUser currentUser;

  ReportController(ClientReports reports, CurrentUser currentUser) {
    this.reports = reports;
    this.currentUser = currentUser;
  }

  @GetMapping(value = "/api/incidents/{caseNumber}/report", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> pdf(@PathVariable String caseNumber, @RequestParam(required = false) String language,
      HttpServletRequest request) {
    currentUser.requireAnyGroup(READERS);
    if (!validLanguage(language)) {
      return badLanguage(request);
    }
    var found = reports.pdf(caseNumber, language);
    if (found.isEmpty()) {
      return notFound(caseNumber, request);
    }
    ClientReports.Rendered report = found.get();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(report.fileName()).build().toString())
        .body(report.content());
  }

  /** The PDF by its own address, for a link in a page (a browser cannot ask for it by Accept). */
  @GetMapping("/api/incidents/{caseNumber}/report.pdf")
  ResponseEntity<byte[]> pdfByName(@PathVariable String caseNumber, @RequestParam(required = false) String language,
      HttpServletRequest request) {
    return pdf(caseNumber, language, request);
  }

  @GetMapping(value = "/api/incidents/{caseNumber}/report", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<byte[]> html(@PathVariable String caseNumber, @RequestParam(required = false) String language,
      HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
    currentUser.requireAnyGroup(READERS);
    if (!validLanguage(language)) {
      return badLanguage(request);
    }
    var found = reports.html(caseNumber, language);
    if (found.isEmpty()) {
      return notFound(caseNumber, request);
    }
    byte[] page = found.get().content();
    // the report carries its styles (one file for the page and the PDF): the policy allows exactly those,
    // replacing the general one (two policies would both apply)
    response.setHeader("Content-Security-Policy", StylePolicy.of(new String(page, StandardCharsets.UTF_8), false));
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
  }

  /** A 404 as a problem, whatever the request accepts (a PDF or a page cannot say what is missing). */
  private static ResponseEntity<byte[]> notFound(String caseNumber, HttpServletRequest request) {
    return Problems.answerAsBytes(request, Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found",
        "No case " + caseNumber.replaceAll("[^A-Za-z0-9-]", "") + ".", null));
  }

  private static boolean validLanguage(String language) {
    return language == null || language.equals("es") || language.equals("en");
  }

  private static ResponseEntity<byte[]> badLanguage(HttpServletRequest request) {
    return Problems.answerAsBytes(request, Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request is not valid",
        "1 field is not valid", List.of(new ApiProblem.FieldProblem("language", "must be es or en"))));
  }

}
