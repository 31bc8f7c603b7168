package com.rebound.identity;

import com.rebound.web.FilterOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where staff profiles are written: Camunda Admin's API and {@code /engine-rest}. */
@Configuration
class ProfileAddresses {

  @Bean
  FilterRegistrationBean<ProfileAddressFilter> profileAddressFilter(ObjectMapper json) {
    FilterRegistrationBean<ProfileAddressFilter> registration = new FilterRegistrationBean<>(new ProfileAddressFilter(json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(FilterOrder.PROFILE_ADDRESS);
    return registration;
  }
}
