package com.rebound.engineguard;

import java.lang.reflect.Field;

/**
 * Reads a field of one of the engine's commands. Camunda 7 gives no public way to ask a command what it
 * was asked (which task a BPMN error comes from, whether a deletion cascades); the engine's rules need
 * it, so this one place reads it, and the tests of each rule fail if a field is renamed.
 */
final class EngineCommands {

  private EngineCommands() {
  }

  static Object field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException next) {
        // the field is declared higher up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(), e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name + " (engine upgraded?)");
  }
}
