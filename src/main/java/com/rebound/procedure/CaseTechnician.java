package com.rebound.procedure;

import com.rebound.web.Roles;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * A case stays with its technician: the technician who takes one of its technicians' steps (claims it, or is given it)
 * holds the case ({@code caseTechnician}), and each next technicians' step of the case is theirs from the start, in
 * their *My tasks* (the queue still shows it). Handing over is giving the step to another technician (Tasklist's
 * assignee, a manager's or their own): the case follows them. Giving a step back to the queue (unclaim) ends the hold.
 * A manager who takes a technicians' step does not become its technician.
 */
final class CaseTechnician implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    // a technicians' step as this case's model gives it (agreeing the objectives of a SEV1 case is the managers')
    if (task.getCandidates().stream().noneMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
        && Roles.TECHNICIANS.equals(link.getGroupId()))) {
      return;
    }
    String event = task.getEventName();
    if (EVENTNAME_CREATE.equals(event)) {
      if (task.getAssignee() == null && task.getVariable(ProcedureVariables.CASE_TECHNICIAN) instanceof String technician
          && isTechnician(task, technician)) {
        task.setAssignee(technician);
      }
    } else if (EVENTNAME_ASSIGNMENT.equals(event) || EVENTNAME_UPDATE.equals(event)) {
      String assignee = task.getAssignee();
      if (assignee == null) {
        if (EVENTNAME_UPDATE.equals(event) && task.hasVariable(ProcedureVariables.CASE_TECHNICIAN)) {
          task.removeVariable(ProcedureVariables.CASE_TECHNICIAN);
        }
      } else if (!assignee.equals(task.getVariable(ProcedureVariables.CASE_TECHNICIAN)) && isTechnician(task, assignee)) {
        task.setVariable(ProcedureVariables.CASE_TECHNICIAN, assignee);
      }
    }
  }

  private static boolean isTechnician(DelegateTask task, String userId) {
    return task.getProcessEngineServices().getIdentityService().createUserQuery().userId(userId)
        .memberOfGroup(Roles.TECHNICIANS).count() > 0;
  }
}
