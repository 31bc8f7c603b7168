package com.rebound.actions;

import com.rebound.web.Roles;
import static com.rebound.actions.ActionItemVariables.OWNER_USER;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:candidateGroups="${actionItemOwner.followUp(execution)}"}: who follows an item up in Tasklist
 * besides its owner. A Rebound user's item is theirs alone ("My tasks"; managers may still close it, by their
 * grant on process actionItem); a client contact's item goes to the managers' queue, since the contact has no
 * Tasklist.
 */
@Component("actionItemOwner")
public class ActionItemOwner {


  public List<String> followUp(VariableScope item) {
    return item.getVariable(OWNER_USER) == null ? List.of(Roles.MANAGERS) : List.of();
  }
}
