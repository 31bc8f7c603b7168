package com.rebound.deployment;

import com.rebound.cluster.StartupLock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the manager's folder {@code bpmn/} (BPMN, DMN and Camunda Forms, on the classpath under
 * {@code bpmn/}) at start-up, before the web server takes requests. Only files that changed since
 * the last start-up deployment get a new version; unchanged files create nothing. Resource names
 * are the paths inside {@code bpmn/}, the same for the packaged jar and an exploded run. Nodes starting
 * together deploy one after the other ({@link StartupLock}): one version per changed file.
 */
@Component
class ProcedureDeployer implements InitializingBean {

  static final String DEPLOYMENT_NAME = "Rebound procedure (bpmn/)";
  static final String DEPLOYMENT_SOURCE = "Rebound start-up";
  private static final String FOLDER = "bpmn/";
  private static final List<String> SUFFIXES = List.of(".bpmn", ".dmn", ".form");
  private static final Logger LOG = LoggerFactory.getLogger(ProcedureDeployer.class);

  private final RepositoryService repositoryService;
  private final StartupLock startupLock;

  ProcedureDeployer(RepositoryService repositoryService, StartupLock startupLock) {
    this.repositoryService = repositoryService;
    this.startupLock = startupLock;
  }

  @Override
  public void afterPropertiesSet() throws IOException {
    List<Map.Entry<String, Resource>> files = procedureFiles();
    if (files.isEmpty()) {
      LOG.warn("No BPMN, DMN or form files under classpath {}: nothing deployed", FOLDER);
      return;
    }
    startupLock.exclusively(() -> {
      try {
        deploy(files);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** Deploys the named files as the start-up deployment; files unchanged since the last one are skipped. */
  DeploymentWithDefinitions deploy(List<Map.Entry<String, Resource>> files) throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_SOURCE)
        .enableDuplicateFiltering(true);
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Resource> file : files) {
      names.add(file.getKey());
      try (InputStream in = file.getValue().getInputStream()) {
        deployment.addInputStream(file.getKey(), new ByteArrayInputStream(in.readAllBytes()));
      }
    }
    DeploymentWithDefinitions result = deployment.deployWithResult();
    int changed = result.getDeployedProcessDefinitions() == null ? 0 : result.getDeployedProcessDefinitions().size();
    LOG.info("Procedure files {}: deployment {} ({} new process definition version(s); unchanged files are not redeployed)",
        names, result.getId(), changed);
    return result;
  }

  /** The procedure files, each with its path inside {@code bpmn/} as its name, sorted by name. */
  static List<Map.Entry<String, Resource>> procedureFiles() throws IOException {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<String> roots = new ArrayList<>();
    for (Resource root : resolver.getResources("classpath*:" + FOLDER)) {
      roots.add(root.getURL().toString());
    }
    List<Map.Entry<String, Resource>> files = new ArrayList<>();
    for (Resource file : resolver.getResources("classpath*:" + FOLDER + "**/*")) {
      String url = file.getURL().toString();
      String lower = url.toLowerCase(Locale.ROOT);
      if (!file.isReadable() || SUFFIXES.stream().noneMatch(lower::endsWith)) {
        continue;
      }
      String name = roots.stream().filter(url::startsWith).findFirst()
          .map(root -> url.substring(root.length()))
          .orElseGet(() -> url.substring(url.lastIndexOf("/" + FOLDER) + FOLDER.length() + 1));
      files.add(Map.entry(name, file));
    }
    files.sort(Map.Entry.comparingByKey());
    return files;
  }
}
