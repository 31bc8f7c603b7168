package com.rebound.legal;

import static com.rebound.legal.LegalVariables.COUNTED_FROM;
import static com.rebound.legal.LegalVariables.DEADLINE_HOURS;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * {@code ${legalClock.share(execution, 0.75)}}: the moment a share of an obligation's deadline is gone, in calendar hours
 * from the moment it counts from (the law counts calendar time, not business hours). The shares are the model's, for
 * managers to tune; a manager moving the case's moment of awareness moves these moments too.
 */
@Component("legalClock")
public class LegalClock {

  public Date share(VariableScope obligation, double share) {
    Date from = (Date) obligation.getVariable(COUNTED_FROM);
    Number hours = (Number) obligation.getVariable(DEADLINE_HOURS);
    return new Date(from.getTime() + Math.round(hours.doubleValue() * share * 3_600_000d));
  }
}
