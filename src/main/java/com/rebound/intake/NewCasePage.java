package com.rebound.intake;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Staff's "report a disaster" page, {@code /new-case/} (static; it opens cases through {@code POST /api/incidents}). */
@Configuration
class NewCasePage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/new-case", "/new-case/");
    registry.addViewController("/new-case/").setViewName("forward:/new-case/index.html");
  }
}
