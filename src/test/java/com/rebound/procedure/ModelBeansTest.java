package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every bean a model under bpmn/ names exists, with the methods it calls: a delegate or listener
 * ({@code delegateExpression="${notifyCaseOpened}"}) and every {@code ${bean.method(...)}} (timers,
 * listeners, mappings). A bean renamed in Java, or a typo in Modeler, fails here in seconds instead of
 * in a case that happens to take that path.
 */
@ReboundSpringBootTest
class ModelBeansTest {

  private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{\\s*([A-Za-z_]\\w*)\\s*}\"");
  private static final Pattern METHOD_CALL = Pattern.compile("[$#]\\{[^}]*?\\b([A-Za-z_]\\w*)\\s*\\.\\s*([A-Za-z_]\\w*)\\s*\\(");
  /** Names the engine gives an expression itself, not beans. */
  private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId");

  @Autowired
  ApplicationContext context;

  @Test
  void everyBeanAndMethodAModelNamesExists() throws IOException {
    Map<String, Set<String>> named = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        String xml = Files.readString(file);
        Matcher delegate = DELEGATE.matcher(xml);
        while (delegate.find()) {
          named.computeIfAbsent(delegate.group(1), k -> new TreeSet<>());
        }
        Matcher call = METHOD_CALL.matcher(xml);
        while (call.find()) {
          if (!ENGINE_NAMES.contains(call.group(1))) {
            named.computeIfAbsent(call.group(1), k -> new TreeSet<>()).add(call.group(2));
          }
        }
      }
    }

    assertThat(named).as("the models name Rebound's beans").containsKeys("notifyCaseOpened", "caseClocks", "prevention");
    named.forEach((bean, methods) -> {
      assertThat(context.containsBean(bean)).as("bean '%s' named in bpmn/", bean).isTrue();
      Set<String> offered = new TreeSet<>(Arrays.stream(context.getType(bean).getMethods()).map(Method::getName).toList());
      assertThat(offered).as("methods of '%s' named in bpmn/", bean).containsAll(methods);
      assertThat(com.rebound.engineguard.ModelBeans.METHODS.getOrDefault(bean, Set.of())).as("methods of '%s' the model guard lets models call", bean)
          .containsAll(methods);
    });
  }
}
