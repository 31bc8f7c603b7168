package com.rebound.engineguard;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/** The engine has no script engine at all: a script that reached it anyway (an old deployment) runs nothing. */
final class NoScripts implements ScriptEngineResolver {

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory factory) {
    // none are added: Rebound runs no scripts
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    return new ScriptEngineManager(null);
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    throw new ProcessEngineException("Rebound runs no scripts (" + language + "): models may change the flow, not run code.");
  }
}
