package com.rebound.identity;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Where staff profiles are written: Camunda Admin's API and {@code /engine-rest}. */
@Configuration
class ProfileAddresses {

  @Bean
  FilterRegistrationBean<ProfileAddressFilter> profileAddressFilter() {
    FilterRegistrationBean<ProfileAddressFilter> registration = new FilterRegistrationBean<>(new ProfileAddressFilter());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
    return registration;
  }
}
