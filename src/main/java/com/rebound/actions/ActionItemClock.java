package com.rebound.actions;

import static com.rebound.actions.ActionItemVariables.DUE_DATE;
import static com.rebound.actions.ActionItemVariables.TIME_ZONE;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * {@code ${actionItemClock.at(execution, -1, '08:00')}}: a moment counted from an action item's due day, in
 * its client's time zone (the day before at 08:00 for the reminder, the day after for overdue). The days
 * and the hour are the model's, for managers to tune.
 */
@Component("actionItemClock")
public class ActionItemClock {

  public Date at(VariableScope item, int daysFromDue, String time) {
    LocalDate due = LocalDate.parse(String.valueOf(item.getVariable(DUE_DATE)));
    Object zone = item.getVariable(TIME_ZONE);
    return Date.from(due.plusDays(daysFromDue).atTime(LocalTime.parse(time)).atZone(ZoneId.of(zone == null ? "UTC" : zone.toString()))
        .toInstant());
  }
}
