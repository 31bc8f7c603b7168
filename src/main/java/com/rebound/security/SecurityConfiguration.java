package com.rebound.security;

import com.rebound.web.FilterOrder;
import com.rebound.settings.ReboundSettings;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The filters in front of every door of Rebound except the webapps (which guard themselves). */
@Configuration
class SecurityConfiguration {

  private static final String[] DOORS = {"/engine-rest/*", "/api/*", "/actuator/*"};
  /** Rebound's own pages: static, they hold no data; what they show comes through /api with the user's login. */
  private static final String[] PAGES = {"/clients/*", "/outbox/*", "/acceptance/*", "/consent/*", "/status/*", "/provider/*", "/new-case/*", "/monitoring/*",
      "/console/*"};

  /** First of all: every filter after it decides on the path the application serves. */
  @Bean
  FilterRegistrationBean<PathFirewall> pathFirewall() {
    FilterRegistrationBean<PathFirewall> registration = new FilterRegistrationBean<>(new PathFirewall());
    registration.addUrlPatterns("/*");
    registration.setOrder(FilterOrder.PATH_FIREWALL);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
      ReboundSettings settings) {
    long maxBytes = settings.security().maxRequestBytes();
    long alertMaxBytes = settings.alerts().maxRequestBytes();
    FilterRegistrationBean<RequestSizeLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxBytes, alertMaxBytes));
    registration.addUrlPatterns("/*");
    registration.setOrder(FilterOrder.REQUEST_SIZE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.addUrlPatterns(DOORS);
    registration.addUrlPatterns(PAGES);
    registration.setOrder(FilterOrder.SECURITY_HEADERS);
    return registration;
  }

  @Bean
  LoginThrottle loginThrottle(org.springframework.jdbc.core.JdbcTemplate jdbc, Clock clock) {
    return new LoginThrottle(jdbc, 5, Duration.ofMinutes(5), Duration.ofSeconds(60), clock);
  }

  @Bean
  RefusalPace refusalPace(ReboundSettings settings) {
    Duration floor = settings.security().refusedLoginFloor();
    return new RefusalPace(floor);
  }

  @Bean
  FilterRegistrationBean<WebappLoginThrottleFilter> webappLoginThrottle(LoginThrottle throttle, RefusalPace pace,
      ProcessEngine engine) {
    FilterRegistrationBean<WebappLoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new WebappLoginThrottleFilter(throttle, pace, engine.getIdentityService()));
    registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
    registration.setOrder(FilterOrder.WEBAPP_LOGIN_THROTTLE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ReboundAuthenticationFilter> authentication(ProcessEngine engine, Clock clock, LoginThrottle throttle,
      RefusalPace pace, ReboundSettings settings) {
    long cacheSeconds = settings.security().loginCacheSeconds();
    CredentialCache cache = new CredentialCache(Duration.ofSeconds(cacheSeconds), clock);
    FilterRegistrationBean<ReboundAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ReboundAuthenticationFilter(engine, cache, throttle, pace));
    registration.addUrlPatterns(DOORS);
    registration.setOrder(FilterOrder.AUTHENTICATION);
    return registration;
  }
}
