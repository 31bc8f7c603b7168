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
  void filtersShowCaseNumberClientAndSeverityAndAreNotDuplicatedOnRestart() {
    tasklistFilters.afterPropertiesSet();

    for (String name : List.of(TasklistFilters.MY_TASKS, TasklistFilters.TECHNICIANS_QUEUE, TasklistFilters.MANAGERS_QUEUE)) {
      List<Filter> found = filters.createFilterQuery().filterName(name).list();
      assertThat(found).as(name).hasSize(1);
      @SuppressWarnings("unchecked")
      List<Map<String, String>> columns = (List<Map<String, String>>) found.get(0).getProperties().get("variables");
      assertThat(columns).extracting(c -> c.get("name")).containsExactly("caseNumber", "clientName", "severity");
    }
  }
}
