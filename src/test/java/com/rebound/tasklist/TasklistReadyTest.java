package com.rebound.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A newcomer finds the demo accounts and the shared filters, once each, however often Rebound starts. */
@ReboundSpringBootTest
class TasklistReadyTest {

  @Autowired
  FilterService filters;
  @Autowired
  IdentityService identity;
  @Autowired
  TasklistFilters tasklistFilters;

  @Test
  void demoAccountsCanLogInWithTheirGroups() {
    assertThat(identity.checkPassword("tech", "tech")).isTrue();
    assertThat(identity.checkPassword("manager", "manager")).isTrue();
    assertThat(identity.checkPassword("admin", "admin")).isTrue();
    assertThat(identity.checkPassword("tech", "wrong")).isFalse();
    assertThat(identity.createGroupQuery().groupMember("tech").singleResult().getId()).isEqualTo("technicians");
    assertThat(identity.createGroupQuery().groupMember("manager").singleResult().getId()).isEqualTo("managers");
    assertThat(identity.createGroupQuery().groupMember("admin").singleResult().getId()).isEqualTo("camunda-admin");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aQueueFromBeforeActionItemsSaidWhatGetsTheColumnOnce_afterColumnsChosenByHand() {
    Filter queue = filters.createFilterQuery().filterName(TasklistFilters.MANAGERS_QUEUE).singleResult();
    Map<String, Object> properties = queue.getProperties();
    Object asCreated = properties.get("variables");
    properties.put("variables", List.of(Map.of("name", "caseNumber", "label", "Case"), Map.of("name", "summary", "label", "Summary")));
    filters.saveFilter(queue.setProperties(properties));
    try {
      tasklistFilters.afterPropertiesSet();
      tasklistFilters.afterPropertiesSet();

      List<Map<String, String>> columns = (List<Map<String, String>>) filters.getFilter(queue.getId()).getProperties().get("variables");
      assertThat(columns).extracting(c -> c.get("name")).containsExactly("caseNumber", "summary", "what");
    } finally {
      Filter again = filters.getFilter(queue.getId());
      Map<String, Object> restored = again.getProperties();
      restored.put("variables", asCreated);
      filters.saveFilter(again.setProperties(restored));
    }
  }

  @Test
  void filtersShowCaseNumberClientAndSeverityAndAreNotDuplicatedOnRestart() {
    tasklistFilters.afterPropertiesSet();

    for (String name : List.of(TasklistFilters.MY_TASKS, TasklistFilters.TECHNICIANS_QUEUE, TasklistFilters.MANAGERS_QUEUE)) {
      List<Filter> found = filters.createFilterQuery().filterName(name).list();
      assertThat(found).as(name).hasSize(1);
      @SuppressWarnings("unchecked")
      List<Map<String, String>> columns = (List<Map<String, String>>) found.get(0).getProperties().get("variables");
      assertThat(columns).extracting(c -> c.get("name")).containsExactly("caseNumber", "clientName", "severity", "what");
    }
  }

  @Autowired
  org.camunda.bpm.engine.TaskService taskService;

  @Test
  void theQueuesPutWhatBurnsFirstOnTop_evenAFilterSavedBeforeTheySorted() {
    Filter queue = filters.createFilterQuery().filterName(TasklistFilters.TECHNICIANS_QUEUE).singleResult();
    queue.setQuery(taskService.createTaskQuery().taskCandidateGroup("technicians").includeAssignedTasks());
    filters.saveFilter(queue);   // as saved by an earlier Rebound: no order
    tasklistFilters.afterPropertiesSet();

    java.time.Instant now = java.time.Instant.now();
    List<String> created = new java.util.ArrayList<>();
    java.util.function.BiConsumer<Integer, java.time.Duration> task = (priority, dueIn) -> {
      org.camunda.bpm.engine.task.Task t = taskService.newTask();
      t.setName("sort-check " + priority + " " + dueIn);
      t.setPriority(priority);
      t.setDueDate(dueIn == null ? null : java.util.Date.from(now.plus(dueIn)));
      taskService.saveTask(t);
      taskService.addCandidateGroup(t.getId(), "technicians");
      created.add(t.getId());
    };
    try {
      task.accept(60, java.time.Duration.ofHours(1));
      task.accept(90, java.time.Duration.ofHours(6));
      task.accept(90, java.time.Duration.ofHours(2));
      task.accept(30, null);

      List<String> shown = filters.<org.camunda.bpm.engine.task.Task>list(queue.getId()).stream()
          .filter(t -> t.getName() != null && t.getName().startsWith("sort-check")).map(org.camunda.bpm.engine.task.Task::getName).toList();
      assertThat(shown).containsExactly("sort-check 90 PT2H", "sort-check 90 PT6H", "sort-check 60 PT1H", "sort-check 30 null");
    } finally {
      created.forEach(id -> taskService.deleteTask(id, true));
    }
  }
}
