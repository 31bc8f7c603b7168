package com.rebound.casebook;

import com.rebound.web.ApiProblem;
import com.rebound.web.ApiProblem.FieldProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a list of cases or the dashboard is narrowed to: a period ({@code from}, {@code to}: days,
 * {@code to} included, UTC), a client, a severity; for the case list also a state, an RTO status and
 * a text. Bad values are one 400 naming each field.
 */
record CaseFilter(Instant from, Instant to, String client, String severity, String state, String rto, String text) {

  static final Set<String> STATES = Set.of("open", "closed");
  static final Set<String> RTO_STATUSES = Set.of("notAgreed", "running", "met", "breached", "notRecovered");
  private static final int DEFAULT_DAYS = 90;

  static CaseFilter of(String from, String to, String client, String severity, String state, String rto, String text,
      boolean periodByDefault, Instant now) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate toDay = day("to", to, problems);
    LocalDate fromDay = day("from", from, problems);
    if (periodByDefault) {
      LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
      toDay = toDay == null && to == null ? today : toDay;
      fromDay = fromDay == null && from == null && toDay != null ? toDay.minusDays(DEFAULT_DAYS - 1) : fromDay;
    }
    if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
      problems.add(new FieldProblem("from", "must not be after to (" + toDay + ")"));
    }
    if (severity != null && !severity.isBlank() && !severity.matches("SEV[1-4]")) {
      problems.add(new FieldProblem("severity", "must be SEV1, SEV2, SEV3 or SEV4"));
    }
    if (state != null && !state.isBlank() && !STATES.contains(state)) {
      problems.add(new FieldProblem("state", "must be open or closed"));
    }
    if (rto != null && !rto.isBlank() && !RTO_STATUSES.contains(rto)) {
      problems.add(new FieldProblem("rto", "must be one of notAgreed, running, met, breached, notRecovered"));
    }
    if (text != null && text.length() > 200) {
      problems.add(new FieldProblem("q", "must be at most 200 characters"));
    }
    if (client != null && client.length() > 64) {
      problems.add(new FieldProblem("client", "must be a client's id (at most 64 characters)"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    return new CaseFilter(fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
        toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
        blankToNull(client), blankToNull(severity), blankToNull(state), blankToNull(rto), blankToNull(text));
  }

  private static LocalDate day(String field, String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be a day as yyyy-mm-dd, got '" + (value.length() > 40 ? value.substring(0, 40) : value) + "'"));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
