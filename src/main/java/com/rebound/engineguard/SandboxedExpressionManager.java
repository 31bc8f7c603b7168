package com.rebound.engineguard;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression manager: Camunda's Spring one given only the beans of {@link ModelBeans}
 * (so {@code ${dataSource.password}} or {@code ${systemEnvironment}} resolve to nothing), with every
 * resolution passing through the {@link ExpressionSandbox}.
 */
final class SandboxedExpressionManager extends SpringExpressionManager {

  private final ApplicationContext context;

  SandboxedExpressionManager(ApplicationContext context) {
    super(context, new ModelBeanMap(context));
    this.context = context;
  }

  @Override
  protected ELResolver createElResolver() {
    return new ExpressionSandbox(super.createElResolver(), context);
  }

  /** The model beans by name, looked up when an expression first asks (the engine is built before most beans). */
  private static final class ModelBeanMap extends AbstractMap<Object, Object> {
    private final ApplicationContext context;

    ModelBeanMap(ApplicationContext context) {
      this.context = context;
    }

    @Override
    public boolean containsKey(Object name) {
      return name instanceof String bean && ModelBeans.beanNames().contains(bean) && context.containsBean(bean);
    }

    @Override
    public Object get(Object name) {
      return containsKey(name) ? context.getBean((String) name) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return ModelBeans.beanNames().stream().filter(this::containsKey)
          .map(name -> Map.entry((Object) name, context.getBean(name))).collect(Collectors.toSet());
    }
  }
}
