package com.rebound;

import com.rebound.backup.RestoreCommand;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Rebound: an IT service provider's disaster-recovery procedure on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ReboundApplication {

  public static void main(String[] args) {
    if (RestoreCommand.runIfAsked(args)) {
      return;
    }
    SpringApplication.run(ReboundApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
