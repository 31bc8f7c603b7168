package com.rebound.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rebound.ReboundApplication;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/** Profile prod: no demo accounts, the admin password from REBOUND_ADMIN_PASSWORD, or no start at all. */
@Tag("application")
class ProductionProfileTest {

  private static ConfigurableApplicationContext prod(String name, String... more) {
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(
        "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
        "--camunda.bpm.process-engine-name=" + name,
        "--server.port=0",
        "--rebound.backup.cron=-"), java.util.Arrays.stream(more)).toArray(String[]::new);
    return new SpringApplicationBuilder(ReboundApplication.class).profiles("prod").run(args);
  }

  @Test
  void refusesToStartWithoutTheAdminPasswordAndSaysWhy() {
    assertThatThrownBy(() -> prod("prodNoPassword", "--REBOUND_PUBLIC_URL=https://rebound.example.test").close())
        .hasRootCauseInstanceOf(ProductionAdmin.MissingAdminPasswordException.class)
        .rootCause().hasMessageContaining("REBOUND_ADMIN_PASSWORD");
    FailureAnalysis analysis = new MissingAdminPasswordFailureAnalyzer()
        .analyze(new ProductionAdmin.MissingAdminPasswordException());
    assertThat(analysis.getDescription()).contains("REBOUND_ADMIN_PASSWORD").doesNotContain("\n");
  }

  @Test
  void refusesToStartWithoutItsPublicAddressAndSaysWhy() {
    assertThatThrownBy(() -> prod("prodNoUrl", "--REBOUND_ADMIN_PASSWORD=a long production secret").close())
        .rootCause().isInstanceOf(ProductionAdmin.MissingProductionSettingException.class)
        .hasMessageContaining("REBOUND_PUBLIC_URL");
    assertThatThrownBy(() -> prod("prodLocalUrl", "--REBOUND_ADMIN_PASSWORD=a long production secret",
        "--REBOUND_PUBLIC_URL=http://localhost:8080").close())
        .rootCause().hasMessageContaining("REBOUND_PUBLIC_URL").hasMessageContaining("not 'http://localhost:8080'");
  }

  @Test
  void startsWithThePasswordAndWithoutDemoAccounts() {
    try (ConfigurableApplicationContext rebound = prod("prodWithPassword", "--REBOUND_ADMIN_PASSWORD=a long production secret",
        "--REBOUND_PUBLIC_URL=https://rebound.example.test")) {
      IdentityService identity = rebound.getBean(IdentityService.class);
      assertThat(identity.checkPassword("admin", "a long production secret")).isTrue();
      assertThat(identity.checkPassword("admin", "admin")).isFalse();
      assertThat(identity.createUserQuery().userIdIn("tech", "manager").count()).isZero();
      assertThat(identity.createGroupQuery().groupIdIn("technicians", "managers").count()).isEqualTo(2);
    }
  }
}
