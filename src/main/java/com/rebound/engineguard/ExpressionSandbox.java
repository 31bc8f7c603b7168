package com.rebound.engineguard;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Where every expression of a model is evaluated (gateways, timers, listeners, mappings, assignments,
 * decision tables in JUEL, whatever deployed it and whenever): names resolve to variables, the
 * engine's {@code execution}/{@code task} and the beans of {@link ModelBeans} only (the engine is given
 * no other bean); a property may be read only from a map, a list or an array (a variable's value such as
 * {@code severityDecision.severity}), never from a bean or an object; a method may be called only when
 * {@link ModelBeans#METHODS} lists it for that bean. Anything else (reflection, {@code getClass},
 * engine services, another bean's getters) stops the evaluation with a clear error and runs nothing.
 */
final class ExpressionSandbox extends ELResolver {

  private final ELResolver engine;
  private final ApplicationContext beans;
  /** The class of each model bean with methods, found on first use (the beans are created after the engine). */
  private final Map<Class<?>, String> beanByClass = new ConcurrentHashMap<>();

  ExpressionSandbox(ELResolver engine, ApplicationContext beans) {
    this.engine = engine;
    this.beans = beans;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base != null && !isValue(base)) {
      throw refused("reads " + property + " of " + describe(base) + "; a model may read a property of a variable's value only");
    }
    return engine.getValue(context, base, property);
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base == null || !mayCall(base, String.valueOf(method))) {
      throw refused("calls " + method + "(…) on " + describe(base) + "; a model may call only the methods listed for it "
          + "(What a model may contain)");
    }
    return engine.invoke(context, base, method, paramTypes, params);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base != null) {
      throw refused("writes " + property + " of " + describe(base));
    }
    engine.setValue(context, base, property, value);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return base != null && !isValue(base) ? null : engine.getType(context, base, property);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return base != null || engine.isReadOnly(context, null, property);
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return base != null && !isValue(base) ? null : engine.getFeatureDescriptors(context, base);
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base != null && !isValue(base) ? null : engine.getCommonPropertyType(context, base);
  }

  /** A variable's value whose parts a model may read: a map (a decision's result), a list or an array. */
  private static boolean isValue(Object base) {
    return base instanceof Map || base instanceof List || base.getClass().isArray();
  }

  private boolean mayCall(Object base, String method) {
    if (base instanceof VariableScope) {
      return ModelBeans.METHODS.get("execution").contains(method);
    }
    return beanName(base).map(name -> ModelBeans.METHODS.getOrDefault(name, Set.of()).contains(method)).orElse(false);
  }

  private Optional<String> beanName(Object base) {
    Class<?> type = ClassUtils.getUserClass(base);
    if (beanByClass.isEmpty()) {
      for (String name : ModelBeans.METHODS.keySet()) {
        Class<?> beanType = ModelBeans.ENGINE_NAMES.contains(name) ? null : beans.getType(name);
        if (beanType != null) {
          beanByClass.put(ClassUtils.getUserClass(beanType), name);
        }
      }
    }
    return Optional.ofNullable(beanByClass.get(type));
  }

  private static String describe(Object base) {
    if (base == null) {
      return "nothing";
    }
    return base instanceof Class<?> c ? "a class (" + c.getSimpleName() + ")" : "a " + ClassUtils.getUserClass(base).getSimpleName();
  }

  private static ELException refused(String what) {
    return new ModelExpressionRefused("This model's expression " + what + ". Nothing was run.");
  }

  /** An expression that tried what models may not do: the engine stops the step (an incident for a job), nothing runs. */
  static final class ModelExpressionRefused extends ELException {
    ModelExpressionRefused(String message) {
      super(message);
    }
  }
}
