package com.rebound.notify;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The managers' outbox page, {@code /outbox/} (static; its data comes from {@code /api/outbox}). */
@Configuration
class OutboxPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/outbox", "/outbox/");
    registry.addViewController("/outbox/").setViewName("forward:/outbox/index.html");
  }
}
