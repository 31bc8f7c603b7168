package com.rebound.alerts;

import com.rebound.web.FilterOrder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The alert webhooks' own door (after the size limit and the path check, which guard every door). */
@Configuration
class AlertsConfiguration {

  @Bean
  FilterRegistrationBean<IntegrationTokenFilter> integrationTokens(Integrations integrations) {
    FilterRegistrationBean<IntegrationTokenFilter> registration = new FilterRegistrationBean<>(new IntegrationTokenFilter(integrations));
    registration.addUrlPatterns("/api/alerts", "/api/alerts/alertmanager");
    registration.setOrder(FilterOrder.INTEGRATION_TOKENS);
    return registration;
  }
}
