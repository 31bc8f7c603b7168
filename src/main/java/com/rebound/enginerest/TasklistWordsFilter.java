package com.rebound.enginerest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rebound.procedure.ModelNames;
import com.rebound.tasklist.TasklistWords;
import com.rebound.web.CachedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tasklist's words from the model and the shared filters, in the reader's language ({@code Accept-Language}): the steps'
 * and processes' names ({@link ModelNames}) on the task list and each task, the filters' names, descriptions and columns
 * ({@link TasklistWords}). Only what is shown changes. Tasklist sends a task or a filter back whole, as it showed it, when
 * it saves one: the shown words are put back to the saved ones, so the engine keeps the model's names and the filters
 * their own (and a task is sent without the form reference Tasklist 7.24 includes and its REST cannot read back).
 */
class TasklistWordsFilter extends OncePerRequestFilter {

  private static final Pattern SHOWN = Pattern.compile("/camunda/api/engine/engine/[^/]+/(task(/[^/]+)?|filter(/[^/]+(/list)?)?)$");
  private static final Pattern TASK = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)$");
  private static final Pattern FILTER = Pattern.compile("/camunda/api/engine/engine/[^/]+/filter/([^/]+)$");

  private final ModelNames names;
  private final TasklistWords words;
  private final TaskService tasks;
  private final FilterService filters;
  private final ObjectMapper json;

  TasklistWordsFilter(ModelNames names, TasklistWords words, TaskService tasks, FilterService filters, ObjectMapper json) {
    this.names = names;
    this.words = words;
    this.tasks = tasks;
    this.filters = filters;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !SHOWN.matcher(request.getRequestURI()).find()
        || (!"PUT".equals(request.getMethod()) && FormTranslationFilter.language(request).equals("en"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if ("PUT".equals(request.getMethod())) {
      chain.doFilter(new CachedBody(request, asSaved(request, request.getInputStream().readAllBytes())), response);
      return;
    }
    ShownJson.rewrite(request, response, chain, json, answer -> translate(answer, request.getLocale()));
  }

  /** Every task, process and filter in the answer (one, a list, or HAL's _embedded) in the language; true when one changed. */
  private boolean translate(JsonNode node, Locale reader) {
    boolean changed = false;
    if (node.isArray()) {
      for (JsonNode child : node) {
        changed |= translate(child, reader);
      }
      return changed;
    }
    if (!(node instanceof ObjectNode object) || !object.path("name").isTextual()) {
      return translateEmbedded(node, reader);
    }
    String name = object.path("name").asText();
    if (object.path("taskDefinitionKey").isTextual()) {
      changed = put(object, "name", names.step(object.path("taskDefinitionKey").asText(), name, reader));
    } else if ("Task".equals(object.path("resourceType").asText(null))) {
      changed = put(object, "name", words.filterName(name, reader));
      if (object.path("properties") instanceof ObjectNode properties) {
        if (properties.path("description").isTextual()) {
          changed |= put(properties, "description", words.filterDescription(name, properties.path("description").asText(), reader));
        }
        for (JsonNode column : properties.path("variables")) {
          if (column instanceof ObjectNode c && c.path("name").isTextual() && c.path("label").isTextual()) {
            changed |= put(c, "label", words.column(c.path("name").asText(), c.path("label").asText(), reader));
          }
        }
      }
    }
    return translateEmbedded(node, reader) | changed;
  }

  private boolean translateEmbedded(JsonNode node, Locale reader) {
    boolean changed = false;
    JsonNode embedded = node.path("_embedded");
    changed |= !embedded.path("task").isMissingNode() && translate(embedded.path("task"), reader);
    for (JsonNode process : embedded.path("processDefinition")) {
      if (process instanceof ObjectNode p && p.path("key").isTextual() && p.path("name").isTextual()) {
        changed |= put(p, "name", names.process(p.path("key").asText(), p.path("name").asText(), reader));
      }
    }
    return changed;
  }

  private static boolean put(ObjectNode node, String field, String value) {
    if (value == null || value.equals(node.path(field).asText(null))) {
      return false;
    }
    node.put(field, value);
    return true;
  }

  /** A task or filter sent back as Tasklist showed it, with the saved words again where it showed them translated. */
  private byte[] asSaved(HttpServletRequest request, byte[] body) throws IOException {
    JsonNode sent;
    try {
      sent = json.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      return body;   // the engine says what is wrong with it
    }
    if (!(sent instanceof ObjectNode object)) {
      return body;
    }
    Locale reader = request.getLocale();
    boolean english = reader == null || reader.getLanguage().equals("en");
    Matcher task = TASK.matcher(request.getRequestURI());
    Matcher filter = FILTER.matcher(request.getRequestURI());
    boolean changed = false;
    if (task.find()) {
      // shown, never changed through an update, and not readable by the engine's REST
      changed = object.remove("camundaFormRef") != null;
      Task own = english ? null : tasks.createTaskQuery().taskId(task.group(1)).singleResult();
      if (own != null && object.path("name").asText("").equals(names.step(own.getTaskDefinitionKey(), own.getName(), reader))) {
        changed |= put(object, "name", own.getName());
      }
    } else if (filter.find() && !english) {
      Filter own = filters.getFilter(filter.group(1));
      changed = own != null && filterAsSaved(object, own, reader);
    }
    return changed ? json.writeValueAsBytes(object) : body;
  }

  private boolean filterAsSaved(ObjectNode sent, Filter own, Locale reader) {
    boolean changed = false;
    if (sent.path("name").asText("").equals(words.filterName(own.getName(), reader))) {
      changed = put(sent, "name", own.getName());
    }
    if (sent.path("properties") instanceof ObjectNode properties && own.getProperties() != null) {
      Object description = own.getProperties().get("description");
      if (description instanceof String saved
          && properties.path("description").asText("").equals(words.filterDescription(own.getName(), saved, reader))) {
        changed |= put(properties, "description", saved);
      }
      if (own.getProperties().get("variables") instanceof java.util.List<?> columns) {
        for (Object column : columns) {
          if (column instanceof java.util.Map<?, ?> c && c.get("name") instanceof String variable && c.get("label") instanceof String label) {
            for (JsonNode shown : properties.path("variables")) {
              if (shown instanceof ObjectNode s && variable.equals(s.path("name").asText())
                  && s.path("label").asText("").equals(words.column(variable, label, reader))) {
                changed |= put(s, "label", label);
              }
            }
          }
        }
      }
    }
    return changed;
  }
}
