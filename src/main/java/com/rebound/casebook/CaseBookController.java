package com.rebound.casebook;

import com.rebound.web.Roles;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import com.rebound.procedure.ModelNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's data: {@code /api/cases} (list with filters, paged), {@code /api/cases/{caseNumber}} (a case
 * page), {@code /api/metrics} (the dashboard) and {@code /api/metrics/csv} (a chart's numbers). Staff only:
 * technicians see cases; managers also the mails of a case and the dashboard.
 */
@RestController
class CaseBookController {

  private static final List<String> STAFF = List.of(Roles.TECHNICIANS, Roles.MANAGERS, Roles.ADMINISTRATORS);
  private static final List<String> MANAGERS = Roles.MANAGERS_OR_ADMINISTRATORS;
  private final CaseBook book;
  private final Dashboard dashboard;
  private final CurrentUser currentUser;
  private final ModelNames modelNames;

  CaseBookController(CaseBook book, Dashboard dashboard, CurrentUser currentUser, ModelNames modelNames) {
    this.book = book;
    this.dashboard = dashboard;
    this.currentUser = currentUser;
    this.modelNames = modelNames;
  }

  @GetMapping("/api/cases")
  CaseBook.Listing list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String client, @RequestParam(required = false) String severity,
      @RequestParam(required = false) String state, @RequestParam(required = false) String rto,
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "25") int size, Locale reader) {
    currentUser.requireAnyGroup(STAFF);
    if (page < 0 || size < 1 || size > 200) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem(page < 0 ? "page" : "size",
          page < 0 ? "must be 0 or more" : "must be between 1 and 200")));
    }
    Instant now = now();
    CaseBook.Listing listing = book.list(CaseFilter.of(from, to, client, severity, state, rto, q, false, now), page, size, now);
    return new CaseBook.Listing(listing.items().stream().map(c -> c.withStepNames((id, name) -> modelNames.step(id, name, reader)))
        .toList(), listing.page(), listing.size(), listing.total());
  }

  /**
   * A case's page: the case ({@link CaseView}, the same as {@code /api/incidents/{n}}, its steps named in the reader's
   * language), its mails for managers, its report's links.
   */
  record CasePage(@JsonUnwrapped CaseView view, @JsonInclude(JsonInclude.Include.NON_NULL) List<Map<String, Object>> mails,
      Map<String, String> report) {
  }

  @GetMapping("/api/cases/{caseNumber}")
  CasePage one(@PathVariable String caseNumber, Locale reader) {
    currentUser.requireAnyGroup(STAFF);
    CaseView view = book.view(caseNumber, now())
        .orElseThrow(() -> ApiProblem.notFound("No case " + caseNumber.replaceAll("[^A-Za-z0-9-]", "") + "."))
        .withStepNames((id, name) -> modelNames.step(id, name, reader));
    return new CasePage(view, currentUser.inAnyGroup(MANAGERS) ? book.mails(caseNumber) : null,
        Map.of("html", "/api/incidents/" + caseNumber + "/report", "pdf", "/api/incidents/" + caseNumber + "/report.pdf"));
  }

  @GetMapping("/api/metrics")
  Map<String, Object> metrics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String client, @RequestParam(required = false) String severity) {
    currentUser.requireAnyGroup(MANAGERS);
    Instant now = now();
    return dashboard.metrics(CaseFilter.of(from, to, client, severity, null, null, null, true, now), now);
  }

  /** One chart's numbers as CSV: {@code chart=series} (per day, week or month) or {@code chart=now} (open cases by RTO left). */
  @GetMapping(value = "/api/metrics/csv", produces = "text/csv")
  ResponseEntity<String> csv(@RequestParam(defaultValue = "series") String chart, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String client,
      @RequestParam(required = false) String severity) {
    currentUser.requireAnyGroup(MANAGERS);
    if (!chart.equals("series") && !chart.equals("now") && !chart.equals("totals")) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("chart", "must be series, totals or now")));
    }
    Instant now = now();
    Map<String, Object> metrics = dashboard.metrics(CaseFilter.of(from, to, client, severity, null, null, null, true, now), now);
    String body = Csv.of(chart, metrics);
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rebound-" + chart + ".csv\"").body(body);
  }

  /** The engine's clock: the one its timers and the RTO rule follow. */
  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
