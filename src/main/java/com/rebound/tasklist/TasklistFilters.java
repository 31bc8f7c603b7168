package com.rebound.tasklist;

import static com.rebound.procedure.ProcedureVariables.CASE_NUMBER;
import static com.rebound.procedure.ProcedureVariables.CLIENT_ID;
import static com.rebound.procedure.ProcedureVariables.SEVERITY;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters: "My tasks", "Technicians' queue" and "Managers' queue", each showing
 * case number, client and severity on every task card. Created once; a filter that already exists
 * (perhaps adjusted by a manager in Tasklist) is left alone.
 */
@Component
class TasklistFilters implements InitializingBean {

  static final String MY_TASKS = "My tasks";
  static final String TECHNICIANS_QUEUE = "Technicians' queue";
  static final String MANAGERS_QUEUE = "Managers' queue";

  private static final List<Map<String, String>> CASE_COLUMNS = List.of(
      Map.of("name", CASE_NUMBER, "label", "Case"),
      Map.of("name", CLIENT_ID, "label", "Client"),
      Map.of("name", SEVERITY, "label", "Severity"));

  private final FilterService filters;
  private final TaskService tasks;

  TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void afterPropertiesSet() {
    create(MY_TASKS, "Tasks assigned to me", -10, "#1b7f5a",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    create(TECHNICIANS_QUEUE, "Every open step for technicians, claimed or not", 0, "#2b5797",
        tasks.createTaskQuery().taskCandidateGroup("technicians").includeAssignedTasks());
    create(MANAGERS_QUEUE, "Escalations, reviews and prevention offers for managers", 10, "#b5152b",
        tasks.createTaskQuery().taskCandidateGroup("managers").includeAssignedTasks());
  }

  private void create(String name, String description, int priority, String color, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("refresh", true);
    properties.put("variables", CASE_COLUMNS);
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    filters.saveFilter(filter);
  }
}
