package com.rebound.engine;

import com.rebound.security.RunbookGrants;
import com.rebound.settings.ReboundSettings;
import com.rebound.casebook.CaseSummaryListeners;
import com.rebound.cases.CaseNumbers;
import com.rebound.cases.CaseRegistry;
import com.rebound.clients.ClientDirectory;
import com.rebound.clocks.CaseClocks;
import com.rebound.engineguard.EngineGuard;
import com.rebound.legal.LegalClocks;
import com.rebound.legal.LegalFactListeners;
import com.rebound.notify.Notifications;
import com.rebound.notify.TaskAlertListeners;
import com.rebound.procedure.ProcedureParseListener;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Everything Rebound adds to the engine, in one place: what happens at a step that the diagram does not draw.
 * Built-in listeners are attached to every deployed version (a model changed in Modeler keeps them; "skip custom
 * listeners" does not skip them), in this order:
 * <table>
 * <caption>What runs, when, and where it is written</caption>
 * <tr><th>when</th><th>what</th><th>where</th></tr>
 * <tr><td>any deployment</td><td>models may change the flow, not run code; only .bpmn/.dmn/.form and images</td>
 *   <td>{@code engineguard.ModelGuard}, its parse listener</td></tr>
 * <tr><td>a runbook deployed</td><td>technicians may read it, its instances and their history, as the procedure's</td>
 *   <td>{@code security.RunbookGrants}</td></tr>
 * <tr><td>any expression evaluated</td><td>the sandbox: variables, execution/task, the model beans' listed methods</td>
 *   <td>{@code engineguard.ExpressionSandbox}</td></tr>
 * <tr><td>any command of a person</td><td>administrators-only commands; BPMN errors only where caught; writes nothing
 *   took are refused</td><td>{@code engineguard.AdministratorsOnly}, {@code CaughtHere}, {@code UnclaimedWrites}</td></tr>
 * <tr><td>any process starts</td><td>1. the person's writes: the start fields only (the procedure), none elsewhere</td>
 *   <td>{@code engineguard.StepWritesRule}</td></tr>
 * <tr><td>a case starts</td><td>2. the case number, the client's facts, {@code openedAt}</td><td>{@code procedure.CaseStart}</td></tr>
 * <tr><td>a case ends</td><td>the case summary closed</td><td>{@code casebook.CaseSummaries}</td></tr>
 * <tr><td>a step is created</td><td>the case summary's step; the technicians' alert for a SEV1/SEV2 case</td>
 *   <td>{@code casebook}, {@code notify.TaskAlerts}</td></tr>
 * <tr><td>a step is assigned</td><td>mail to the new assignee</td><td>{@code notify.TaskAlerts}</td></tr>
 * <tr><td>a step is completed</td><td>1. the person's writes: the step's fields only; 2. the contract's and the form's
 *   checks; 3. the case summary</td><td>{@code engineguard.StepWritesRule}, {@code procedure.StepCompletion},
 *   {@code casebook}</td></tr>
 * <tr><td>a step of the procedure or a runbook is completed with a legal fact raised</td><td>4. the case's moment of awareness
 *   (the first time) and the obligations it brings started</td><td>{@code legal.LegalFactListeners}</td></tr>
 * <tr><td>a step is updated by a person</td><td>only its assignee may change</td><td>{@code engineguard.StepWritesRule}</td></tr>
 * </table>
 * The client's and staff's mails that belong to the procedure leave from the model's own listeners ({@code ${notifyCaseOpened}}
 * and the like), each drawn as a ✉ note on its element; the staff mails of this table are named in the diagram's
 * "✉ Built in" note ({@code procedure.MailsInTheDiagramTest} keeps both true).
 * Beans that need the engine are looked up when a listener first runs ({@link ObjectProvider}), not when the engine is built.
 */
@Component
class ReboundEnginePlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;
  private final BpmnParseListener procedure;
  private final BpmnParseListener caseSummary;
  private final BpmnParseListener taskAlerts;
  private final BpmnParseListener legalFacts;

  ReboundEnginePlugin(ApplicationContext context, CaseNumbers caseNumbers, CaseRegistry cases, ClientDirectory clients,
      ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<CaseClocks> clocks, ObjectProvider<Notifications> notifications,
      ObjectProvider<LegalClocks> legalClocks, ReboundSettings settings) {
    String alertSeverities = settings.mail().queueAlertSeverities();
    this.context = context;
    this.procedure = ProcedureParseListener.of(caseNumbers, cases, clients);
    this.caseSummary = CaseSummaryListeners.parseListener(jdbc::getObject, clocks::getObject);
    this.taskAlerts = TaskAlertListeners.parseListener(notifications::getObject, alertSeverities);
    this.legalFacts = LegalFactListeners.parseListener(legalClocks::getObject);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the engine's own rules first: its start listener takes index 0, its completion check comes first
    EngineGuard.install(configuration, context);
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(procedure);
    configuration.getCustomPostBPMNParseListeners().add(caseSummary);
    configuration.getCustomPostBPMNParseListeners().add(taskAlerts);
    configuration.getCustomPostBPMNParseListeners().add(legalFacts);
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    configuration.getCustomPostDeployers().add(new RunbookGrants());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    EngineGuard.check(configuration);
  }
}
