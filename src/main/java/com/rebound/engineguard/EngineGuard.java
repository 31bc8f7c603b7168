package com.rebound.engineguard;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.springframework.context.ApplicationContext;

/**
 * The engine's own rules, which every route passes (REST, the webapps, Rebound's pages, the job executor):
 * <table>
 * <caption>What the engine refuses, and where</caption>
 * <tr><th>rule</th><th>where in the engine</th></tr>
 * <tr><td>expressions reach variables, {@code execution}/{@code task} and the model beans' listed methods only</td>
 *   <td>expression manager ({@link SandboxedExpressionManager}, {@link ExpressionSandbox})</td></tr>
 * <tr><td>no scripts, no Java classes, no CMMN, no legacy namespaces, only .bpmn/.dmn/.form and images</td>
 *   <td>script engine resolver ({@link NoScripts}), CMMN off, pre-deployer ({@link ModelGuard}), parse listener
 *   ({@link EngineGuardParseListener})</td></tr>
 * <tr><td>a person writes only the fields of the step they complete or of the case they start</td>
 *   <td>history handler ({@link WritesRecorder}), delegate interceptor ({@link FirstInvocation}), built-in listeners
 *   ({@link StepWritesRule}), command interceptor ({@link UnclaimedWrites})</td></tr>
 * <tr><td>a step's name, dates, priority and owner are not a person's to edit</td><td>built-in update listener</td></tr>
 * <tr><td>BPMN errors and escalations only where the model catches them</td><td>command interceptor ({@link CaughtHere})</td></tr>
 * <tr><td>moving, erasing, jobs ahead of time: administrators only</td>
 *   <td>command interceptor ({@link AdministratorsOnly})</td></tr>
 * </table>
 */
public final class EngineGuard {

  private EngineGuard() {
  }

  /** Before the engine is built: its expression manager, script resolver, deployers, parse listener and interceptors. */
  public static void install(ProcessEngineConfigurationImpl configuration, ApplicationContext context) {
    configuration.setExpressionManager(new SandboxedExpressionManager(context));
    configuration.setCmmnEnabled(false);
    configuration.setScriptEngineResolver(new NoScripts());
    configuration.setDelegateInterceptor(new FirstInvocation(new DefaultDelegateInterceptor()));
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(new ModelGuard());
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new EngineGuardParseListener());
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new AdministratorsOnly(configuration.getIdentityService()));
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new UnclaimedWrites());
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CaughtHere());
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new WritesRecorder());
  }

  /** After the engine is configured: the rule on writes needs their history. */
  public static void check(ProcessEngineConfigurationImpl configuration) {
    HistoryLevel level = configuration.getHistoryLevel();
    if (level == null || level.getId() < HistoryLevel.HISTORY_LEVEL_AUDIT.getId()) {
      // the engine sees a person's variable writes through their history: without it the rule could not hold
      throw new IllegalStateException("Rebound needs camunda.bpm.history-level audit or full (it is " + level + ")");
    }
  }
}
