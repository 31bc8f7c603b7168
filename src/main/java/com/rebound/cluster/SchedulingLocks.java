package com.rebound.cluster;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work ({@code @SchedulerLock}: outbox dispatch, backups, clean-ups) runs on one node of the
 * cluster at a time: ShedLock keeps its locks in the table {@code shedlock} of Rebound's database,
 * timed by the database's clock so that nodes with skewed clocks agree. A node that dies holding a
 * lock frees it when the lock's {@code lockAtMostFor} runs out.
 */
@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingLocks {

  @Bean
  LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .usingDbTime()
        .build());
  }
}
