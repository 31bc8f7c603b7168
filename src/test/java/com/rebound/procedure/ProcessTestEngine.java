package com.rebound.procedure;

import com.rebound.cases.CaseNumbers;
import com.rebound.clients.Client;
import com.rebound.clients.ClientDirectory;
import com.rebound.clocks.CaseClocks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/** An in-memory engine configured like Rebound's (contract plugin, Spin, delegate beans), with coverage recording. */
final class ProcessTestEngine {

  private ProcessTestEngine() {
  }

  /** Case numbers of the test engine: the same format as Rebound's, counted in memory. */
  static CaseNumbers caseNumbers() {
    AtomicLong last = new AtomicLong();
    return () -> CaseNumbers.format(2026, last.incrementAndGet());
  }

  /** "caseNumber processInstanceId" of each case the test engines opened (Rebound records them in rebound_case). */
  static final List<String> OPENED = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** The clients the process tests know, as Rebound's client profiles would answer (the demo clients). */
  static final Client.BusinessHours OFFICE_HOURS = new Client.BusinessHours("MON,TUE,WED,THU,FRI", "08:00", "18:00", "Europe/Madrid", true);
  static final Map<String, ClientDirectory.ClientFacts> ACTIVE_CLIENTS = Map.of(
      "gestoria-lopez", new ClientDirectory.ClientFacts("Gestoría López", "high", 8, 4, 60, OFFICE_HOURS, "es",
          java.util.Set.of("backup", "endpointProtection"), Client.Legal.NONE),
      "ladrillos-garcia", new ClientDirectory.ClientFacts("Construcciones y Ladrillos García", "basic", 48, 24, 240, OFFICE_HOURS, "es", java.util.Set.of(), Client.Legal.NONE),
      "northwind-logistics", new ClientDirectory.ClientFacts("Northwind Logistics", "critical", 4, 1, 30,
          new Client.BusinessHours("MON,TUE,WED,THU,FRI,SAT,SUN", "00:00", "23:59", "Europe/Madrid", false), "en",
          java.util.Set.of("backup", "offsiteCopy", "ups", "endpointProtection", "monitoring", "mfa", "patchManagement"),
          Client.Legal.NONE));
  static final ClientDirectory DIRECTORY = id -> java.util.Optional.ofNullable(ACTIVE_CLIENTS.get(id));

  /** The listeners the model names for messages and client rounds; here they record that they ran (see {@link #CALLS}). */
  static final List<String> MESSAGE_LISTENERS = List.of("notifyCaseOpened", "notifyObjectivesAgreed", "openClientRound",
      "closeClientRound", "remindClientByMail", "notifyRtoWarning", "notifyRtoBreach", "notifyCaseClosed", "notifyCaseDismissed", "notifyRestorePointCheck",
      "notifyRestorePointAge");
  /** "listener@activity" for each call of a message listener, in order. */
  static final List<String> CALLS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Stands for a message listener of Rebound (which writes to the outbox) in the engine-only tests. */
  record RecordingListener(String name) implements org.camunda.bpm.engine.delegate.ExecutionListener,
      org.camunda.bpm.engine.delegate.TaskListener {

    @Override
    public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      CALLS.add(name + "@" + execution.getCurrentActivityId());
    }

    @Override
    public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
      CALLS.add(name + "@" + task.getTaskDefinitionKey());
    }
  }

  /** The steps the model names for lessons and action items (Rebound's write to its tables); here they record that they ran. */
  static final List<String> LEARNING_STEPS = List.of("findSimilarCases", "checkActionItems", "keepLesson", "trackActionItems",
      "actionItemMail", "closeActionItem", "followUpPrevention", "sendLegalNotice", "legalReminder", "closeLegalObligation");
  /** "step@activity" (with the mail's kind for actionItemMail) for each call of a learning step, in order. */
  static final List<String> STEPS = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Stands for a delegate of Rebound's lessons and action items in the engine-only tests. */
  record RecordingStep(String name) implements org.camunda.bpm.engine.delegate.JavaDelegate,
      org.camunda.bpm.engine.delegate.TaskListener {

    @Override
    public void execute(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      Object mail = execution.getVariableLocal("mail");
      STEPS.add(name + (mail == null ? "" : ":" + mail) + "@" + execution.getCurrentActivityId());
    }

    @Override
    public void notify(org.camunda.bpm.engine.delegate.DelegateTask task) {
      STEPS.add(name + "@" + task.getTaskDefinitionKey());
    }
  }

  /** Stands for {@code preventionHistory} (which reads Rebound's lessons): no history. */
  public static final class HistoryStandIn {

    public String of(org.camunda.bpm.engine.delegate.DelegateExecution execution, List<Map<String, Object>> decision) {
      STEPS.add("preventionHistory@" + execution.getCurrentActivityId());
      return null;
    }
  }

  static ProcessEngineConfiguration configuration(String name) {
    return configure(new ProcessCoverageInMemProcessEngineConfiguration(), name);
  }

  /** The same engine without coverage recording (the dry run, outside the coverage extension). */
  static ProcessEngineConfiguration withoutCoverage(String name) {
    return configure(new org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration(), name);
  }

  private static ProcessEngineConfiguration configure(org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration,
      String name) {
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    Map<Object, Object> beans = new java.util.HashMap<>();
    beans.put("countAcceptanceRound", new CountAcceptanceRound());
    beans.put("caseClocks", new CaseClocks(DIRECTORY, "R/P1D"));
    org.springframework.context.support.ResourceBundleMessageSource messages = new org.springframework.context.support.ResourceBundleMessageSource();
    messages.setBasename("messages/rebound");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    beans.put("prevention", new com.rebound.prevention.PreventionAdvice(messages));
    for (String listener : MESSAGE_LISTENERS) {
      beans.put(listener, new RecordingListener(listener));
    }
    for (String step : LEARNING_STEPS) {
      beans.put(step, new RecordingStep(step));
    }
    beans.put("preventionHistory", new HistoryStandIn());
    beans.put("actionItemClock", new com.rebound.actions.ActionItemClock());
    beans.put("actionItemOwner", new com.rebound.actions.ActionItemOwner());
    beans.put("legalClock", new com.rebound.legal.LegalClock());
    configuration.setBeans(beans);
    // the procedure's contract checks, as Rebound's engine plugin attaches them (the engine's other rules have tests of their own)
    configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>(List.of(
        ProcedureParseListener.of(caseNumbers(), (id, number, at) -> OPENED.add(number + " " + id), DIRECTORY))));
    configuration.setProcessEnginePlugins(List.of(new SpinProcessEnginePlugin()));
    return configuration;
  }
}
