package com.rebound.alerts;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The managers' monitoring page, {@code /monitoring/}: integrations and the alerts received (static; data from the API). */
@Configuration
class MonitoringPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/monitoring", "/monitoring/");
    registry.addViewController("/monitoring/").setViewName("forward:/monitoring/index.html");
  }
}
