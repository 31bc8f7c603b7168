package com.rebound.procedure;

import java.util.Set;

/**
 * What one step of the procedure demands of one process variable: its kind, whether it must be
 * present, the values it may take.
 */
record VariableRule(String name, Kind kind, Presence presence, Set<String> allowed, long min, long max,
    String requiredIfVariable, Object requiredIfValue) {

  enum Kind { TEXT, CHOICE, WHOLE_NUMBER, YES_NO, DATE_TIME }

  enum Presence { REQUIRED, OPTIONAL, DEFAULTS_TO_NOW }

  static VariableRule text(String name) {
    return new VariableRule(name, Kind.TEXT, Presence.REQUIRED, Set.of(), 0, 0, null, null);
  }

  static VariableRule choice(String name, String... allowed) {
    return new VariableRule(name, Kind.CHOICE, Presence.REQUIRED, Set.of(allowed), 0, 0, null, null);
  }

  static VariableRule wholeNumber(String name, long min, long max) {
    return new VariableRule(name, Kind.WHOLE_NUMBER, Presence.REQUIRED, Set.of(), min, max, null, null);
  }

  static VariableRule yesNo(String name) {
    return new VariableRule(name, Kind.YES_NO, Presence.REQUIRED, Set.of(), 0, 0, null, null);
  }

  static VariableRule dateTimeOrNow(String name) {
    return new VariableRule(name, Kind.DATE_TIME, Presence.DEFAULTS_TO_NOW, Set.of(), 0, 0, null, null);
  }

  /** The same rule, but the variable may be left out. */
  VariableRule optional() {
    return new VariableRule(name, kind, Presence.OPTIONAL, allowed, min, max, requiredIfVariable, requiredIfValue);
  }

  /** The same rule, skipped when another variable (already normalised) is true; required otherwise. */
  VariableRule unlessTrue(String variable) {
    return new VariableRule(name, kind, Presence.REQUIRED, allowed, min, max, variable, UNLESS_TRUE);
  }

  /** Marks {@link #unlessTrue}: the condition is inverted. */
  static final Object UNLESS_TRUE = new Object() {
    @Override
    public String toString() {
      return "not true";
    }
  };

  /** The same rule, required unless another variable (already normalised) has one of these values; absent counts as none. */
  VariableRule unlessOneOf(String variable, String... values) {
    return new VariableRule(name, kind, Presence.REQUIRED, allowed, min, max, variable, new OneOf(Set.of(values), false));
  }

  /** The same rule, required only when another variable (already normalised) has one of these values. */
  VariableRule onlyWhenOneOf(String variable, String... values) {
    return new VariableRule(name, kind, Presence.REQUIRED, allowed, min, max, variable, new OneOf(Set.of(values), true));
  }

  /** A condition on another variable's value: one of these ({@code when}), or none of these. */
  record OneOf(Set<String> values, boolean when) {
    boolean applies(Object other) {
      // an immutable set refuses to be asked about null: absent is none of the values
      return (other != null && values.contains(other)) == when;
    }

    @Override
    public String toString() {
      return (when ? "one of " : "not one of ") + String.join(", ", new java.util.TreeSet<>(values));
    }
  }

  /** The same rule, required only when another variable (already normalised) has the given value. */
  VariableRule onlyWhen(String variable, Object value) {
    return new VariableRule(name, kind, Presence.REQUIRED, allowed, min, max, variable, value);
  }

  boolean isConditional() {
    return requiredIfVariable != null;
  }
}
