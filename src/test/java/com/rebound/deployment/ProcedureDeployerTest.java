package com.rebound.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/** Start-up deployment of bpmn/: a restart with unchanged files adds nothing; a changed file adds one version. */
@ReboundSpringBootTest
class ProcedureDeployerTest {

  @Autowired
  ProcedureDeployer deployer;
  @Autowired
  RepositoryService repository;

  @Test
  void everyFileOfTheFolderIsDeployedUnderItsNameInTheFolder() throws Exception {
    List<String> names = ProcedureDeployer.procedureFiles().stream().map(Map.Entry::getKey).toList();
    assertThat(names).contains("disaster-recovery.bpmn", "assess-impact.form", "start-disaster-reported.form");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("disasterRecovery").count()).isPositive();
    assertThat(deployedResourceNames()).contains("assess-impact.form", "start-disaster-reported.form",
        "offer-prevention.form", "disaster-recovery.bpmn");
  }

  @Test
  void restartWithUnchangedFilesCreatesNoNewVersion() throws Exception {
    long deployments = repository.createDeploymentQuery().count();
    long processVersions = repository.createProcessDefinitionQuery().processDefinitionKey("disasterRecovery").count();

    deployer.afterPropertiesSet();

    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("disasterRecovery").count())
        .isEqualTo(processVersions);
  }

  @Test
  void aChangedFileCreatesExactlyOneNewVersionOfThatFileOnly() throws Exception {
    List<Map.Entry<String, Resource>> files = new ArrayList<>(ProcedureDeployer.procedureFiles());
    long formVersions = deployedResourceNames().stream().filter(n -> n.endsWith(".form")).count();
    int latest = repository.createProcessDefinitionQuery().processDefinitionKey("disasterRecovery")
        .latestVersion().singleResult().getVersion();
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).getKey().equals("disaster-recovery.bpmn")) {
        String changed = new String(files.get(i).getValue().getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .replace("name=\"Case closed\"", "name=\"Case closed (edited by a manager)\"");
        files.set(i, Map.entry("disaster-recovery.bpmn", new ByteArrayResource(changed.getBytes(StandardCharsets.UTF_8))));
      }
    }

    deployer.deploy(files);
    deployer.deploy(files);

    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("disasterRecovery")
        .latestVersion().singleResult().getVersion()).isEqualTo(latest + 1);
    assertThat(deployedResourceNames().stream().filter(n -> n.endsWith(".form")).count()).isEqualTo(formVersions);
  }

  /** The names of every resource of every deployment: one entry per deployed version of a file. */
  private List<String> deployedResourceNames() {
    return repository.createDeploymentQuery().list().stream()
        .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream()).toList();
  }
}
