package com.rebound.procedure;

import com.rebound.cases.CaseNumbers;
import com.rebound.cases.CaseRegistry;
import com.rebound.clients.ClientDirectory;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Engine plugin (picked up by the Camunda starter) that enforces the procedure's contract. */
@Component
class ProcedureContractPlugin extends AbstractProcessEnginePlugin {

  private final CaseNumbers caseNumbers;
  private final CaseRegistry cases;
  private final ClientDirectory clients;

  ProcedureContractPlugin(CaseNumbers caseNumbers, CaseRegistry cases, ClientDirectory clients) {
    this.caseNumbers = caseNumbers;
    this.cases = cases;
    this.clients = clients;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new ProcedureParseListener(new CaseStart(caseNumbers, cases, clients)));
  }
}
