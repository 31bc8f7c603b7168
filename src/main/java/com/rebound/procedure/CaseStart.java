package com.rebound.procedure;

import com.rebound.cases.CaseNumbers;
import com.rebound.cases.CaseRegistry;
import com.rebound.clients.ClientDirectory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Runs when any case of the procedure starts, however it was started (Rebound's API, the Tasklist
 * start form, {@code /engine-rest}): checks the start variables, that the client is an active
 * client of Rebound (its name, tier and contracted times become variables of the case), and makes
 * sure the case has its number,
 * as business key and as the variable {@code caseNumber} that Tasklist shows.
 */
class CaseStart implements ExecutionListener {

  /** What a given case number looks like: Rebound's own format, safe in mail subjects, file names and links. */
  private static final java.util.regex.Pattern CASE_NUMBER_FORMAT = java.util.regex.Pattern.compile("DR-\\d{4}-\\d{4,9}");

  private final CaseNumbers caseNumbers;
  private final CaseRegistry cases;
  private final ClientDirectory clients;

  CaseStart(CaseNumbers caseNumbers, CaseRegistry cases, ClientDirectory clients) {
    this.caseNumbers = caseNumbers;
    this.cases = cases;
    this.clients = clients;
  }

  /** The refused value as it can be shown in an error: control characters made visible, cut at 60 characters. */
  private static String printable(String value) {
    String shown = value.replaceAll("\\p{Cntrl}", "?");
    return shown.length() > 60 ? shown.substring(0, 60) + "…" : shown;
  }

  @Override
  public void notify(DelegateExecution execution) {
    StepCheck.apply(ProcedureVariables.START, "Disaster reported", execution);
    String clientId = (String) execution.getVariable(ProcedureVariables.CLIENT_ID);
    ClientDirectory.ClientFacts client = clients.activeClient(clientId).orElseThrow(() -> new ProcedureContractException(
        "'Disaster reported' (start) cannot be completed: clientId: there is no active client '" + printable(String.valueOf(clientId))
            + "'. Check the identifier on the Clients page (/clients/), or open the case from 'Report a disaster' "
            + "(/new-case/), where you choose the client from a list."));
    execution.setVariable(ProcedureVariables.CLIENT_NAME, client.name());
    execution.setVariable(ProcedureVariables.CLIENT_TIER, client.tier());
    execution.setVariable(ProcedureVariables.CONTRACT_RTO_HOURS, client.contractRtoHours());
    execution.setVariable(ProcedureVariables.CONTRACT_RPO_HOURS, client.contractRpoHours());
    execution.setVariable(ProcedureVariables.RESPONSE_TIME_MINUTES, client.responseTimeMinutes());
    execution.setVariable(ProcedureVariables.CLIENT_LANGUAGE, client.language());
    execution.setVariable(ProcedureVariables.NIS2_APPLIES, !"none".equals(client.legal().nis2OrNone()));
    execution.setVariable(ProcedureVariables.DORA_APPLIES, client.legal().financialEntity());
    execution.setVariable(ProcedureVariables.CLIENT_PROTECTIONS,
        String.join(",", client.protections() == null ? java.util.List.of() : new java.util.TreeSet<>(client.protections())));
    java.util.Date openedAt = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
    execution.setVariable(ProcedureVariables.OPENED_AT, openedAt);
    String caseNumber = execution.getProcessBusinessKey();
    if (caseNumber == null || caseNumber.isBlank()) {
      caseNumber = caseNumbers.next();
      execution.setProcessBusinessKey(caseNumber);
    } else if (!CASE_NUMBER_FORMAT.matcher(caseNumber).matches()) {
      throw new ProcedureContractException("'Disaster reported' (start) cannot be completed: businessKey (the case number) '"
          + printable(caseNumber) + "' is not valid: it must be DR-<year>-<number> (e.g. DR-2026-0042), or none to get the next one");
    }
    execution.setVariable(ProcedureVariables.CASE_NUMBER, caseNumber);
    try {
      cases.opened(execution.getProcessInstanceId(), caseNumber, openedAt);
    } catch (CaseRegistry.CaseNumberTaken taken) {
      throw new ProcedureContractException("'Disaster reported' (start) cannot be completed: businessKey: " + taken.getMessage());
    }
  }
}
