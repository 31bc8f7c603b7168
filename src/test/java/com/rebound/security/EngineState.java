package com.rebound.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;

/** Counts of everything an attempt could change in the engine; equal before and after a refused attempt. */
final class EngineState {

  private EngineState() {
  }

  static Map<String, Long> of(ProcessEngine engine) {
    Map<String, Long> state = new LinkedHashMap<>();
    state.put("cases", engine.getHistoryService().createHistoricProcessInstanceQuery().count());
    state.put("open tasks", engine.getTaskService().createTaskQuery().count());
    state.put("completed tasks", engine.getHistoryService().createHistoricTaskInstanceQuery().finished().count());
    state.put("variables", engine.getRuntimeService().createVariableInstanceQuery().count());
    state.put("deployments", engine.getRepositoryService().createDeploymentQuery().count());
    state.put("process versions", engine.getRepositoryService().createProcessDefinitionQuery().count());
    state.put("users", engine.getIdentityService().createUserQuery().count());
    state.put("groups", engine.getIdentityService().createGroupQuery().count());
    state.put("authorizations", engine.getAuthorizationService().createAuthorizationQuery().count());
    return state;
  }
}
