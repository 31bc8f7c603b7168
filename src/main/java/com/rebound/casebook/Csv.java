package com.rebound.casebook;

import java.util.List;
import java.util.Map;

/** The dashboard's numbers as CSV (RFC 4180: comma, CRLF, quotes doubled), one table per chart. */
final class Csv {

  private Csv() {
  }

  @SuppressWarnings("unchecked")
  static String of(String chart, Map<String, Object> metrics) {
    StringBuilder csv = new StringBuilder();
    switch (chart) {
      case "now" -> table(csv, List.of("caseNumber", "client", "severity", "summary", "rtoStatus", "rtoDeadline", "minutesLeft", "openedAt"),
          (List<Map<String, Object>>) metrics.get("now"));
      case "totals" -> {
        line(csv, List.of("metric", "value"));
        ((Map<String, Object>) metrics.get("totals")).forEach((name, value) -> {
          if (value instanceof Map<?, ?> spread) {
            spread.forEach((part, number) -> line(csv, List.of(name + "." + part, String.valueOf(number == null ? "" : number))));
          } else {
            line(csv, List.of(name, value == null ? "" : String.valueOf(value)));
          }
        });
      }
      default -> table(csv, List.of("from", "opened", "closed", "timeToRecoverMedianMinutes", "timeToRecoverP90Minutes", "rtoMetPercent",
          "breaches"), (List<Map<String, Object>>) metrics.get("series"));
    }
    return csv.toString();
  }

  private static void table(StringBuilder csv, List<String> columns, List<Map<String, Object>> rows) {
    line(csv, columns);
    for (Map<String, Object> row : rows) {
      line(csv, columns.stream().map(c -> row.get(c) == null ? "" : String.valueOf(row.get(c))).toList());
    }
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (i > 0) {
        csv.append(',');
      }
      // a cell a spreadsheet would run as a formula is quoted with a leading apostrophe
      if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.]+")) {
        cell = "'" + cell;
      }
      csv.append(cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
          ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
    }
    csv.append("\r\n");
  }
}
