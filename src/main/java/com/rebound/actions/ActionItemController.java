package com.rebound.actions;

import com.rebound.web.Roles;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/action-items}: managers see every item (open first, overdue first), technicians their own;
 * {@code POST /api/action-items/{id}/close} closes one as done or dropped through its Tasklist step, so the
 * same rules hold on both routes (its owner or a manager; once).
 */
@RestController
class ActionItemController {

  private static final List<String> STAFF = List.of(Roles.TECHNICIANS, Roles.MANAGERS, Roles.ADMINISTRATORS);

  /** What closes an item: done (the reason, optional, says what was done), or dropped with the reason (why not). */
  record Closing(String outcome, String reason) {
  }

  private final ActionItems items;
  private final CurrentUser currentUser;
  private final IdentityService identity;
  private final TaskService tasks;

  ActionItemController(ActionItems items, CurrentUser currentUser, IdentityService identity, TaskService tasks) {
    this.items = items;
    this.currentUser = currentUser;
    this.identity = identity;
    this.tasks = tasks;
  }

  @GetMapping("/api/action-items")
  Map<String, Object> list(@RequestParam(required = false) String client, @RequestParam(name = "case", required = false) String caseNumber,
      @RequestParam(defaultValue = "open") String state, @RequestParam(defaultValue = "false") boolean mine) {
    currentUser.requireAnyGroup(STAFF);
    if (!List.of("open", "closed", "all").contains(state)) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("state", "must be open, closed or all")));
    }
    boolean manager = currentUser.inAnyGroup(ActionItemListeners.MANAGERS);
    String owner = manager && !mine ? null : userId();
    return Map.of("items", items.list(owner, blank(client), blank(caseNumber), state, 500), "everyOwner", owner == null);
  }

  @PostMapping("/api/action-items/{id}/close")
  Map<String, Object> close(@PathVariable String id, @RequestBody(required = false) Closing closing) {
    currentUser.requireAnyGroup(STAFF);
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    String outcome = closing == null ? null : closing.outcome();
    if (!"done".equals(outcome) && !"dropped".equals(outcome)) {
      problems.add(new ApiProblem.FieldProblem("outcome", "must be done or dropped"));
    } else if ("dropped".equals(outcome) && (closing.reason() == null || closing.reason().isBlank())) {
      problems.add(new ApiProblem.FieldProblem("reason", "is required when the item is dropped: say why it will not be done"));
    } else if (closing.reason() != null && closing.reason().length() > 1000) {
      problems.add(new ApiProblem.FieldProblem("reason", "must be at most 1000 characters"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    Map<String, Object> item = items.find(id)
        .orElseThrow(() -> ApiProblem.notFound("No action item " + id.replaceAll("[^A-Za-z0-9-]", "") + "."));
    if (!currentUser.inAnyGroup(ActionItemListeners.MANAGERS) && !userId().equals(item.get("ownerUser"))) {
      throw ApiProblem.forbidden("Action item " + id + " is " + item.get("owner") + "'s: only its owner or a manager may close it.");
    }
    Task task = item.get("processInstanceId") == null ? null : tasks.createTaskQuery()
        .processInstanceId((String) item.get("processInstanceId")).taskDefinitionKey(ActionItemVariables.TASK).singleResult();
    if (!"open".equals(item.get("state")) || task == null) {
      throw ApiProblem.conflict("Action item " + id + " is already closed: " + item.get("state") + " by " + item.get("closedBy")
          + " at " + item.get("closedAt") + ".");
    }
    try {
      tasks.complete(task.getId(), Variables.createVariables().putValue(ActionItemVariables.OUTCOME, outcome)
          .putValue(ActionItemVariables.DROP_REASON, "dropped".equals(outcome) ? closing.reason() : null)
          .putValue(ActionItemVariables.DONE_NOTE, "done".equals(outcome) ? closing.reason() : null));
    } catch (org.camunda.bpm.engine.exception.NullValueException | org.camunda.bpm.engine.OptimisticLockingException closedMeanwhile) {
      // closed by someone else at the same moment (Tasklist or another request): nothing of this request is kept
      throw ApiProblem.conflict("Action item " + id + " was closed by someone else at the same moment.");
    }
    return items.find(id).orElseThrow();
  }

  private String userId() {
    return identity.getCurrentAuthentication().getUserId();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
