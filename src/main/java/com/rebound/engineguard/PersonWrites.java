package com.rebound.engineguard;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables a person's command writes itself, before any of the model's code runs: what a
 * completion, a start, a correlation or a variables call sends. The engine records every variable
 * write ({@link WritesRecorder}); the first listener or delegate of the command closes the person's
 * part ({@link FirstInvocation}); a step's completion or the case's start then takes those writes
 * against what that step allows ({@link StepWritesRule}); writes nothing took are refused when the
 * command ends ({@link UnclaimedWrites}). One command at a time per thread, nested commands included.
 */
final class PersonWrites {

  private static final ThreadLocal<PersonWrites> CURRENT = new ThreadLocal<>();

  private int depth;
  private boolean closed;
  private boolean inFirstInvocation;
  private boolean claimed;
  private final Set<String> names = new LinkedHashSet<>();

  private PersonWrites() {
  }

  /** Opens (or enters, when nested) the current command's record, when a person runs it. */
  static void enter() {
    PersonWrites writes = CURRENT.get();
    if (writes == null) {
      if (Persons.current() == null) {
        return;
      }
      writes = new PersonWrites();
      CURRENT.set(writes);
    }
    writes.depth++;
  }

  /** Leaves the command; returns the writes nothing took when this was the outermost command. */
  static Set<String> leave() {
    PersonWrites writes = CURRENT.get();
    if (writes == null) {
      return Set.of();
    }
    writes.depth--;
    if (writes.depth > 0) {
      return Set.of();
    }
    CURRENT.remove();
    return writes.claimed ? Set.of() : writes.names;
  }

  /** A variable the command wrote: the person's while none of the model's code has run yet. */
  static void wrote(String name) {
    PersonWrites writes = CURRENT.get();
    if (writes != null && !writes.closed) {
      writes.names.add(name);
    }
  }

  /** The model's first code begins: what was written so far is the person's. Returns whether this call closed it. */
  static boolean close() {
    PersonWrites writes = CURRENT.get();
    if (writes == null || writes.closed) {
      return false;
    }
    writes.closed = true;
    return true;
  }

  static void inFirstInvocation(boolean first) {
    PersonWrites writes = CURRENT.get();
    if (writes != null) {
      writes.inFirstInvocation = first;
    }
  }

  /** True while the listener that runs is the first code of a person's command (the person's own event, not the model's). */
  static boolean isPersonsOwnEvent() {
    PersonWrites writes = CURRENT.get();
    return writes != null && writes.inFirstInvocation;
  }

  /** Takes the person's writes for a step's completion or a start, which checks them; null when no person's command runs. */
  static Set<String> claim() {
    PersonWrites writes = CURRENT.get();
    if (writes == null || writes.claimed) {
      return null;
    }
    writes.closed = true;
    writes.claimed = true;
    return Set.copyOf(writes.names);
  }
}
