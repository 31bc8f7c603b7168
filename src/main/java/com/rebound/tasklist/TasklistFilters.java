package com.rebound.tasklist;

import com.rebound.actions.ActionItemVariables;
import com.rebound.web.Roles;
import static com.rebound.procedure.ProcedureVariables.CASE_NUMBER;
import static com.rebound.procedure.ProcedureVariables.CLIENT_NAME;
import static com.rebound.procedure.ProcedureVariables.SEVERITY;

import com.rebound.cluster.StartupLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.rebound.security.Authorizations;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters: "My tasks", "Technicians' queue" and "Managers' queue", each showing
 * case number, client and severity on every task card. Created once; a filter that already exists
 * (perhaps adjusted by a manager in Tasklist) is left alone. Technicians see the first two,
 * managers all three. Nodes starting together do it one after the other ({@link StartupLock}).
 */
@Component
class TasklistFilters implements InitializingBean {

  static final String MY_TASKS = "My tasks";
  static final String TECHNICIANS_QUEUE = "Technicians' queue";
  static final String MANAGERS_QUEUE = "Managers' queue";

  /** An action item's task says what is to be done (its case and client are there too). */
  private static final Map<String, String> WHAT_COLUMN = Map.of("name", ActionItemVariables.WHAT, "label", "What");
  private static final List<Map<String, String>> CASE_COLUMNS = List.of(
      Map.of("name", CASE_NUMBER, "label", "Case"),
      Map.of("name", CLIENT_NAME, "label", "Client"),
      Map.of("name", SEVERITY, "label", "Severity"),
      WHAT_COLUMN);

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final StartupLock startupLock;

  TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations, StartupLock startupLock) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.startupLock = startupLock;
  }

  @Override
  public void afterPropertiesSet() {
    startupLock.exclusively(this::createMissing);
  }

  private void createMissing() {
    create(MY_TASKS, "Tasks assigned to me", -10, "#1b7f5a",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), Roles.TECHNICIANS, Roles.MANAGERS);
    create(TECHNICIANS_QUEUE, "Every open step for technicians, claimed or not", 0, "#2b5797",
        tasks.createTaskQuery().taskCandidateGroup(Roles.TECHNICIANS).includeAssignedTasks(), Roles.TECHNICIANS, Roles.MANAGERS);
    create(MANAGERS_QUEUE, "Escalations, reviews and prevention offers for managers", 10, "#b5152b",
        tasks.createTaskQuery().taskCandidateGroup(Roles.MANAGERS).includeAssignedTasks(), Roles.MANAGERS);
  }

  /** Creates the filter once, and lets the groups see it (Camunda authorization FILTER READ). */
  private void create(String name, String description, int priority, String color, TaskQuery query, String... groups) {
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      if (existing.<TaskQuery>getQuery() instanceof TaskQueryImpl saved && saved.getOrderingProperties().isEmpty()) {
        // a filter from before the queues were sorted, never sorted by hand: what burns first on top
        existing.setQuery(byUrgency(saved));
        filters.saveFilter(existing);
      }
      addWhatColumn(existing);
      grantRead(existing, groups);
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("refresh", true);
    properties.put("variables", CASE_COLUMNS);
    Filter filter = filters.newTaskFilter(name).setQuery(byUrgency(query)).setProperties(properties);
    grantRead(filters.saveFilter(filter), groups);
  }

  /** A filter from before action items said what they are about gets the column, after any columns chosen by hand. */
  private void addWhatColumn(Filter filter) {
    Map<String, Object> properties = filter.getProperties();
    if (properties != null && properties.get("variables") instanceof List<?> columns
        && columns.stream().noneMatch(c -> c instanceof Map<?, ?> column && ActionItemVariables.WHAT.equals(column.get("name")))) {
      List<Object> more = new ArrayList<>(columns);
      more.add(WHAT_COLUMN);
      properties.put("variables", more);
      filter.setProperties(properties);
      filters.saveFilter(filter);
    }
  }

  /**
   * Urgent work first, as Tasklist's own sorting shows it: the highest priority (set from the case's
   * severity by the severity decision), then the earliest due date (the clock that matters for the step).
   */
  private static TaskQuery byUrgency(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  private void grantRead(Filter filter, String... groups) {
    for (String group : groups) {
      Authorizations.grant(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
