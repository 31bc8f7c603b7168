package com.rebound.clients;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The managers' clients page, {@code /clients/} (static; its data comes from {@code /api/clients}). */
@Configuration
class ClientsPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/clients", "/clients/");
    registry.addViewController("/clients/").setViewName("forward:/clients/index.html");
  }
}
