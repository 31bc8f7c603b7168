package com.rebound.prevention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@code ${prevention...}}: turns the rows of decision {@code prevention} into the case's
 * {@code preventionRecommendations} (the solutions' codes, comma-separated, each once) and
 * {@code preventionAdvice} (one line per solution with why, in English, for the manager's form).
 */
@Component("prevention")
public class PreventionAdvice {

  private final MessageSource messages;

  public PreventionAdvice(MessageSource messages) {
    this.messages = messages;
  }

  public String codes(List<Map<String, Object>> decision) {
    return String.join(",", reasons(decision).keySet());
  }

  public String advice(List<Map<String, Object>> decision) {
    List<String> lines = new ArrayList<>();
    reasons(decision).forEach((code, why) -> lines.add("- **" + name(code, "en") + "**" + (why.isEmpty() ? "" : ": " + why)));
    return String.join("\n", lines);
  }

  /** The solution's name in a language (messages prevention.CODE), or the code when a manager added one without a text. */
  public String name(String code, String language) {
    return messages.getMessage("prevention." + code, null, code, Locale.forLanguageTag(language));
  }

  private static Map<String, String> reasons(List<Map<String, Object>> decision) {
    Map<String, String> reasons = new LinkedHashMap<>();
    if (decision == null) {
      return reasons;
    }
    for (Map<String, Object> row : decision) {
      Object code = row.get("recommendation");
      if (code != null && !String.valueOf(code).isBlank()) {
        Object why = row.get("reason");
        reasons.putIfAbsent(String.valueOf(code).trim(), why == null ? "" : String.valueOf(why));
      }
    }
    return reasons;
  }
}
