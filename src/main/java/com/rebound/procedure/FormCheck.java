package com.rebound.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The deployed Camunda Form of a step is part of its contract, on every route (Tasklist, REST, Java): a
 * field the form marks required must be given, unless the form hides it (its {@code hide} condition,
 * evaluated in FEEL as Tasklist does); given values keep to the form's simple validations (min, max,
 * minimum and maximum length, pattern) and to its options (select, radio, checklist, tag list). So a
 * required checkbox a manager adds in Modeler is required from the moment it is deployed. Fields inside
 * a dynamic list are the list's own. The Java rules ({@link StepCheck}) stay for what a form cannot say.
 */
final class FormCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "datetime", "checkbox", "checklist", "radio",
      "select", "taglist");

  private FormCheck() {
  }

  static void apply(DelegateTask task, String stepName) {
    JsonNode form = deployedForm(task);
    if (form == null) {
      return;
    }
    List<JsonNode> fields = new ArrayList<>();
    collect(form, fields);
    VariableMap context = Variables.createVariables();
    for (JsonNode field : fields) {
      String key = field.get("key").asText();
      Object value = task.getVariable(key);
      // in the form, a yes/no radio holds "true"/"false": its hide conditions compare with those
      context.putValue(key, value instanceof Boolean b && field.path("values").isArray() ? String.valueOf(b) : value);
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode field : fields) {
      String key = field.get("key").asText();
      if (hidden(field, context)) {
        continue;
      }
      Object value = task.getVariable(key);
      JsonNode validate = field.path("validate");
      // a required checkbox is one that must be ticked, as in the form
      if (absent(value) || "checkbox".equals(field.path("type").asText()) && Boolean.FALSE.equals(value)) {
        if (validate.path("required").asBoolean(false)) {
          problems.add(key + " is required (the form '" + form.path("id").asText() + "' asks for it)");
        }
        continue;
      }
      check(field, validate, key, value, problems);
    }
    if (!problems.isEmpty()) {
      throw new ProcedureContractException("'" + stepName + "' (" + task.getTaskDefinitionKey() + ") cannot be completed: "
          + String.join("; ", problems));
    }
  }

  private static void check(JsonNode field, JsonNode validate, String key, Object value, List<String> problems) {
    if (value instanceof Number number) {
      if (validate.has("min") && number.doubleValue() < validate.get("min").asDouble()) {
        problems.add(key + " must be at least " + validate.get("min").asText() + ", got " + number);
      }
      if (validate.has("max") && number.doubleValue() > validate.get("max").asDouble()) {
        problems.add(key + " must be at most " + validate.get("max").asText() + ", got " + number);
      }
    }
    if (value instanceof String text) {
      if (validate.has("minLength") && text.length() < validate.get("minLength").asInt()) {
        problems.add(key + " must be at least " + validate.get("minLength").asInt() + " characters");
      }
      if (validate.has("maxLength") && text.length() > validate.get("maxLength").asInt()) {
        problems.add(key + " must be at most " + validate.get("maxLength").asInt() + " characters, got " + text.length());
      }
      if (validate.hasNonNull("pattern") && !Pattern.compile(validate.get("pattern").asText()).matcher(text).find()) {
        problems.add(key + " does not match the form's pattern " + validate.get("pattern").asText());
      }
    }
    if (field.path("values").isArray() && field.get("values").size() > 0) {
      Set<String> options = new HashSet<>();
      field.get("values").forEach(option -> options.add(option.path("value").asText()));
      Collection<?> chosen = value instanceof Collection<?> many ? many : listOrItself(value);
      for (Object one : chosen) {
        if (!options.contains(String.valueOf(one))) {
          problems.add(key + " must be one of the form's options " + new java.util.TreeSet<>(options) + "; got " + one);
        }
      }
    }
  }

  /** A checklist's or tag list's value as its items: a Java list, or the JSON array Tasklist sends (Spin JSON). */
  private static Collection<?> listOrItself(Object value) {
    String text = String.valueOf(value).trim();
    if (text.startsWith("[")) {
      try {
        List<String> items = new ArrayList<>();
        JSON.readTree(text).forEach(item -> items.add(item.asText()));
        return items;
      } catch (IOException notAList) {
        // compared as it is
      }
    }
    return List.of(value);
  }

  private static boolean absent(Object value) {
    return value == null || value instanceof String s && s.isBlank() || value instanceof Collection<?> c && c.isEmpty()
        || "[]".equals(String.valueOf(value).replace(" ", ""));
  }

  /** The field's hide condition, as Tasklist evaluates it (FEEL, on the values of the form's fields). */
  private static boolean hidden(JsonNode field, VariableMap context) {
    String hide = field.path("conditional").path("hide").asText("");
    if (!hide.startsWith("=")) {
      return false;
    }
    try {
      FeelEngine feel = ((DefaultDmnEngineConfiguration) Context.getProcessEngineConfiguration().getDmnEngineConfiguration())
          .getFeelEngine();
      return Boolean.TRUE.equals(feel.evaluateSimpleExpression(hide.substring(1), context.asVariableContext()));
    } catch (RuntimeException notEvaluable) {
      org.slf4j.LoggerFactory.getLogger(FormCheck.class).warn("hide {}: {}", hide, notEvaluable.toString());
      return false;   // a condition the engine cannot read: the field counts as shown, as the safer reading
    }
  }

  private static void collect(JsonNode component, List<JsonNode> fields) {
    for (JsonNode child : component.path("components")) {
      String type = child.path("type").asText();
      if (INPUTS.contains(type) && child.hasNonNull("key")) {
        fields.add(child);
      } else if (!"dynamiclist".equals(type)) {
        collect(child, fields);   // groups: their fields are the step's; a dynamic list's are its items'
      }
    }
  }

  private static JsonNode deployedForm(DelegateTask task) {
    CommandContext context = Context.getCommandContext();
    return context == null ? null : DeployedForms.ofTask(context, task.getId());
  }
}
