package com.rebound.engineguard;

import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Inside the command's transaction: a person's command that wrote variables no step's completion or
 * case start took (a variables call, a correlation or signal with variables, a migration with
 * variables, a resolve or a BPMN error with variables) is refused and rolled back.
 */
final class UnclaimedWrites extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    PersonWrites.enter();
    T result;
    boolean done = false;
    try {
      result = next.execute(command);
      done = true;
    } finally {
      if (!done) {
        // whatever failed, the thread (a server's worker) must not keep this command's record
        PersonWrites.leave();
      }
    }
    Set<String> unclaimed = PersonWrites.leave();
    if (!unclaimed.isEmpty()) {
      throw new AuthorizationException("Variables of a case are written by its steps (complete the task with its form's fields) "
          + "and by Rebound; writing " + String.join(", ", unclaimed) + " directly is for administrators. Nothing was changed.");
    }
    return result;
  }
}
