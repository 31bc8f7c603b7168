package com.rebound.lessons;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code ${keepLesson}}: the step after the review keeps its lesson. */
@Configuration
class LessonListeners {

  @Bean("keepLesson")
  JavaDelegate keepLesson(Lessons lessons) {
    return lessons::keep;
  }
}
