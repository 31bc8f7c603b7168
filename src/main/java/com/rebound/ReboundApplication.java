package com.rebound;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Rebound: an IT service provider's disaster-recovery procedure on an embedded Camunda 7 engine. */
@SpringBootApplication
public class ReboundApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReboundApplication.class, args);
  }
}
