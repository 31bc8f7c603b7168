package com.rebound.engineguard;

import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.form.handler.SubmitFormVariablesInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;

/**
 * Every listener and delegate of a model passes here: the first one of a person's command ends the person's writes.
 * The form handler's submission ({@code submit-form}, Tasklist's route) passes here too, but what it writes is what
 * the person sent: it does not end their part.
 */
final class FirstInvocation implements DelegateInterceptor {

  private final DelegateInterceptor engine;

  FirstInvocation(DelegateInterceptor engine) {
    this.engine = engine;
  }

  @Override
  public void handleInvocation(DelegateInvocation invocation) throws Exception {
    if (invocation instanceof SubmitFormVariablesInvocation) {
      engine.handleInvocation(invocation);
      return;
    }
    boolean first = PersonWrites.close();
    PersonWrites.inFirstInvocation(first);
    try {
      engine.handleInvocation(invocation);
    } finally {
      if (first) {
        PersonWrites.inFirstInvocation(false);
      }
    }
  }
}
