package com.rebound.enginerest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import com.rebound.procedure.StepNames;
import com.rebound.web.CachedBody;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The steps' names as Tasklist lists and shows them, in the reader's language ({@code Accept-Language}), by {@link StepNames}.
 * Only what is shown changes: the engine's tasks keep the model's names (Tasklist sends the whole task back when it saves
 * one, the shown name included: that name is put back to the task's own).
 */
class StepNameFilter extends OncePerRequestFilter {

  private static final Pattern TASKS = Pattern.compile("/camunda/api/engine/engine/[^/]+/(task(/[^/]+)?|filter/[^/]+/list)$");
  private static final Pattern TASK = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)$");

  private final StepNames names;
  private final TaskService tasks;
  private final ObjectMapper json;

  StepNameFilter(StepNames names, TaskService tasks, ObjectMapper json) {
    this.names = names;
    this.tasks = tasks;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !TASKS.matcher(request.getRequestURI()).find()
        || (!"PUT".equals(request.getMethod()) && FormTranslationFilter.language(request).equals("en"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher task = TASK.matcher(request.getRequestURI());
    if ("PUT".equals(request.getMethod()) && task.find()) {
      chain.doFilter(new CachedBody(request, ownName(task.group(1), request.getInputStream().readAllBytes(), request.getLocale())),
          response);
      return;
    }
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    byte[] body = cached.getContentAsByteArray();
    if (cached.getStatus() == HttpServletResponse.SC_OK && body.length > 0) {
      try {
        JsonNode answer = json.readTree(body);
        if (rename(answer, request.getLocale())) {
          cached.resetBuffer();
          cached.getOutputStream().write(json.writeValueAsBytes(answer));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
        // shown as the engine gives it
      }
    }
    cached.copyBodyToResponse();
  }

  /**
   * A task sent back as Tasklist showed it: with the task's own name again, and without its form reference (shown, never
   * changed through an update, and a field the engine's REST cannot read back: Tasklist 7.24's update of a task with a Camunda
   * Form would be refused with a 400 naming a Java type).
   */
  private byte[] ownName(String taskId, byte[] body, Locale locale) throws IOException {
    JsonNode sent;
    try {
      sent = json.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      return body;   // the engine says what is wrong with it
    }
    if (!(sent instanceof ObjectNode task)) {
      return body;
    }
    boolean changed = task.remove("camundaFormRef") != null;
    Task own = task.path("name").isTextual() && !locale.getLanguage().equals("en")
        ? tasks.createTaskQuery().taskId(taskId).singleResult() : null;
    if (own != null && task.path("name").asText().equals(names.of(own.getTaskDefinitionKey(), own.getName(), locale))) {
      task.put("name", own.getName());
      changed = true;
    }
    return changed ? json.writeValueAsBytes(task) : body;
  }

  /** Every task in the answer (one, a list, or HAL's _embedded.task) named in the language; true when one changed. */
  private boolean rename(JsonNode node, Locale locale) {
    boolean changed = false;
    if (node instanceof ObjectNode task && task.path("taskDefinitionKey").isTextual() && task.path("name").isTextual()) {
      String name = names.of(task.path("taskDefinitionKey").asText(), task.path("name").asText(), locale);
      if (!name.equals(task.path("name").asText())) {
        task.put("name", name);
        changed = true;
      }
    }
    if (node.isArray() || node.has("_embedded")) {
      for (JsonNode child : node.isArray() ? node : node.path("_embedded").path("task")) {
        changed |= rename(child, locale);
      }
    }
    return changed;
  }
}
