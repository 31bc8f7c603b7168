package com.rebound.procedure;

import org.camunda.bpm.engine.BadUserRequestException;

/** A step of a case was given values that break the contract; nothing of that step is kept. */
public class ProcedureContractException extends BadUserRequestException {

  public ProcedureContractException(String message) {
    super(message);
  }
}
