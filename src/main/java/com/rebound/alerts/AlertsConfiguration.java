package com.rebound.alerts;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The alert webhooks' own door (after the size limit and the path check, which guard every door). */
@Configuration
class AlertsConfiguration {

  @Bean
  FilterRegistrationBean<IntegrationTokenFilter> integrationTokens(Integrations integrations) {
    FilterRegistrationBean<IntegrationTokenFilter> registration = new FilterRegistrationBean<>(new IntegrationTokenFilter(integrations));
    registration.addUrlPatterns("/api/alerts", "/api/alerts/alertmanager");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }
}
