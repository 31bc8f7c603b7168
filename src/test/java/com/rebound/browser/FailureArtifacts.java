package com.rebound.browser;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** On a failed browser test: a screenshot and the page source under target/browser-failures/. */
final class FailureArtifacts implements AfterTestExecutionCallback {

  private final Supplier<Browser> browser;

  FailureArtifacts(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Browser current = browser.get();
    if (context.getExecutionException().isPresent() && current != null) {
      current.saveFailure(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
    }
  }
}
