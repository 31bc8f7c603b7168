package com.rebound.procedure;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Checks and normalises what one step leaves in a case, by the rules of {@link ProcedureVariables}:
 * whole numbers become longs, "true"/"false" become booleans, date-time text becomes a date. A
 * missing or wrong value stops the step with a message that names each field and why.
 */
final class StepCheck {

  private static final Pattern WHOLE = Pattern.compile("[-+]?\\d{1,18}");
  private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]Z");

  /** How far a person's clock may be ahead of the server's when they give the moment of an agreement. */
  private static final long AGREED_AT_CLOCK_SKEW_MS = 5 * 60_000;

  private StepCheck() {
  }

  static void apply(String step, String stepName, VariableScope scope) {
    List<VariableRule> rules = ProcedureVariables.RULES.get(step);
    if (rules == null) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (VariableRule rule : rules) {
      if (rule.isConditional()) {
        Object other = values.containsKey(rule.requiredIfVariable())
            ? values.get(rule.requiredIfVariable()) : scope.getVariable(rule.requiredIfVariable());
        boolean applies = rule.requiredIfValue() == VariableRule.UNLESS_TRUE
            ? !Boolean.TRUE.equals(other) && !"true".equals(other)
            : rule.requiredIfValue() instanceof VariableRule.OneOf oneOf ? oneOf.applies(other)
            : Objects.equals(other, rule.requiredIfValue());
        if (!applies) {
          continue;
        }
      }
      Object raw = scope.getVariable(rule.name());
      try {
        Object value = normalise(rule, raw);
        if (value != null) {
          values.put(rule.name(), value);
        }
      } catch (IllegalArgumentException e) {
        problems.add(rule.name() + " " + e.getMessage());
      }
    }
    if (values.get(ProcedureVariables.AGREED_AT) instanceof java.util.Date agreedAt) {
      // the record of when the objectives were agreed: not before the case opened, not in the future
      java.util.Date now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
      Object opened = scope.getVariable(ProcedureVariables.OPENED_AT);
      if (agreedAt.getTime() > now.getTime() + AGREED_AT_CLOCK_SKEW_MS) {
        problems.add(ProcedureVariables.AGREED_AT + " is in the future (" + agreedAt.toInstant() + "): give when it was agreed, or none for now");
      } else if (opened instanceof java.util.Date openedAt && agreedAt.before(openedAt)) {
        problems.add(ProcedureVariables.AGREED_AT + " is before the case was opened (" + openedAt.toInstant() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new ProcedureContractException(
          "'" + stepName + "' (" + step + ") cannot be completed: " + String.join("; ", problems));
    }
    values.forEach((name, value) -> {
      Object raw = scope.getVariable(name);
      if (raw == null || !raw.equals(value) || raw.getClass() != value.getClass()) {
        scope.setVariable(name, value);
      }
    });
  }

  private static Object normalise(VariableRule rule, Object raw) {
    if (raw == null || raw instanceof String s && s.isBlank()) {
      return switch (rule.presence()) {
        case OPTIONAL -> null;
        case DEFAULTS_TO_NOW -> ClockUtil.getCurrentTime();
        case REQUIRED -> rule.isConditional()
            ? fail("is required when " + rule.requiredIfVariable() + " is " + rule.requiredIfValue())
            : fail("is required");
      };
    }
    return switch (rule.kind()) {
      case TEXT -> raw instanceof String text ? text(text) : fail("must be text, got " + describe(raw));
      case CHOICE -> raw instanceof String s && rule.allowed().contains(s)
          ? s : fail("must be one of " + String.join(", ", new TreeSet<>(rule.allowed())) + "; got " + describe(raw));
      case WHOLE_NUMBER -> wholeNumber(rule, raw);
      case YES_NO -> yesNo(raw);
      case DATE_TIME -> dateTime(raw);
    };
  }

  private static String text(String text) {
    return text.length() <= ProcedureVariables.MAX_TEXT ? text
        : fail("must be at most " + ProcedureVariables.MAX_TEXT + " characters, got " + text.length());
  }

  private static Long wholeNumber(VariableRule rule, Object raw) {
    Long value = null;
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
      value = ((Number) raw).longValue();
    } else if (raw instanceof Double || raw instanceof Float || raw instanceof BigDecimal) {
      BigDecimal d = new BigDecimal(raw.toString());
      if (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
        value = d.longValue();
      }
    } else if (raw instanceof String s && WHOLE.matcher(s.trim()).matches()) {
      value = Long.parseLong(s.trim());
    }
    if (value == null) {
      return fail("must be a whole number, got " + describe(raw));
    }
    if (value < rule.min() || value > rule.max()) {
      return fail("must be between " + rule.min() + " and " + rule.max() + ", got " + value);
    }
    return value;
  }

  private static Boolean yesNo(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
      return Boolean.valueOf(s.trim());
    }
    return fail("must be true or false, got " + describe(raw));
  }

  private static Date dateTime(Object raw) {
    if (raw instanceof Date d) {
      return d;
    }
    if (raw instanceof String s) {
      String text = s.trim();
      for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, CAMUNDA_DATE)) {
        try {
          return Date.from(OffsetDateTime.parse(text, f).toInstant());
        } catch (DateTimeParseException ignored) {
          // try the next format
        }
      }
      try {
        return Date.from(LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant());
      } catch (DateTimeParseException ignored) {
        // reported below
      }
    }
    return fail("must be a date-time such as 2026-11-28T09:30:00+01:00, got " + describe(raw));
  }

  private static String describe(Object raw) {
    String text = String.valueOf(raw);
    if (text.length() > 40) {
      text = text.substring(0, 40) + "...";
    }
    return "'" + text + "' (" + raw.getClass().getSimpleName() + ")";
  }

  private static <T> T fail(String reason) {
    throw new IllegalArgumentException(reason);
  }
}
