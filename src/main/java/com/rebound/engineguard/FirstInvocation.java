package com.rebound.engineguard;

import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;

/** Every listener and delegate of a model passes here: the first one of a person's command ends the person's writes. */
final class FirstInvocation implements DelegateInterceptor {

  private final DelegateInterceptor engine;

  FirstInvocation(DelegateInterceptor engine) {
    this.engine = engine;
  }

  @Override
  public void handleInvocation(DelegateInvocation invocation) throws Exception {
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
