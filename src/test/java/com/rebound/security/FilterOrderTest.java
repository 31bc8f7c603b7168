package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import com.rebound.web.FilterOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** Rebound's servlet filters run in the one order of {@link FilterOrder}: no two share a place, Spring Session's included. */
@ReboundSpringBootTest
class FilterOrderTest {

  @Autowired
  ApplicationContext context;
  @Autowired
  Environment environment;

  @Test
  void everyFilterHasItsOwnPlace_theSessionsTheOneFilterOrderGivesIt() {
    @SuppressWarnings("rawtypes")
    Map<String, FilterRegistrationBean> filters = context.getBeansOfType(FilterRegistrationBean.class);
    // Rebound's own filters; Camunda's webapp filters keep the places Camunda gives them
    List<Integer> orders = filters.values().stream().filter(filter -> filter.getFilter() != null
        && filter.getFilter().getClass().getName().startsWith("com.rebound.")).map(FilterRegistrationBean::getOrder).toList();
    assertThat(orders).as("the places of Rebound's filters, among %s", filters.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().getOrder()).toList()).doesNotHaveDuplicates().contains(FilterOrder.PATH_FIREWALL, FilterOrder.REQUEST_SIZE,
        FilterOrder.SECURITY_HEADERS, FilterOrder.CASE_LOCK, FilterOrder.AUTHENTICATION, FilterOrder.WEBAPP_LOGIN_THROTTLE,
        FilterOrder.INTEGRATION_TOKENS, FilterOrder.FORM_TEXT, FilterOrder.PROFILE_ADDRESS, FilterOrder.FORM_TRANSLATION,
        FilterOrder.TASKLIST_WORDS)
        .doesNotContain(FilterOrder.SESSION);
    assertThat(orders).hasSize(11);
    assertThat(environment.getProperty("spring.session.servlet.filter-order", Integer.class)).isEqualTo(FilterOrder.SESSION);
  }
}
