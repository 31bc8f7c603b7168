package com.rebound.enginerest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rebound.clients.ClientDirectory;
import com.rebound.notify.Formats;
import com.rebound.procedure.OptionLabels;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.procedure.StepFields;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Text people typed is shown as text in Tasklist's forms. A Camunda Form's text component inserts
 * variables into Markdown ({@code {{clientTestResults}}}), so a client's {@code [x](https://evil.example)}
 * would become a working link in a technician's form. When Tasklist loads a task's variables for its
 * form, the text variables that are not the form's own input fields come back Markdown-escaped
 * ({@link #escape}): rendered, they read exactly as typed, without links, emphasis or HTML. Fields the
 * form edits keep their value, so that submitting the form writes back what was there.
 */
class FormTextFilter extends OncePerRequestFilter {

  private static final Pattern FORM_VARIABLES = Pattern.compile("/camunda/api/engine/engine/[^/]+/task/([^/]+)/form-variables$");
  /** Every ASCII punctuation character, which CommonMark and marked let a backslash make literal. */
  private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
  private final ObjectMapper json;
  private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final TaskService tasks;
  private final StepFields fields;
  private final OptionLabels labels;
  private final ClientDirectory clients;

  FormTextFilter(TaskService tasks, StepFields fields, OptionLabels labels, ClientDirectory clients, ObjectMapper json) {
    this.json = json;
    this.tasks = tasks;
    this.fields = fields;
    this.labels = labels;
    this.clients = clients;
  }

  /** The Markdown that renders as exactly this text. */
  static String escape(String text) {
    return PUNCTUATION.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !FORM_VARIABLES.matcher(request.getRequestURI()).find();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    byte[] body = cached.getContentAsByteArray();
    if (cached.getStatus() == HttpServletResponse.SC_OK && body.length > 0) {
      Matcher path = FORM_VARIABLES.matcher(request.getRequestURI());
      path.find();
      String language = request.getLocale() != null && "es".equals(request.getLocale().getLanguage()) ? "es" : "en";
      byte[] shown = escaped(path.group(1), body, language);
      if (shown != body) {
        cached.resetBuffer();
        cached.getOutputStream().write(shown);
      }
    }
    cached.copyBodyToResponse();
  }

  private byte[] escaped(String taskId, byte[] body, String language) throws IOException {
    JsonNode variables = json.readTree(body);
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (!(variables instanceof ObjectNode) || task == null) {
      return body;
    }
    Set<String> edited = fields.ofTask(task);
    String clientId = variables.path("clientId").path("value").asText(null);
    Formats dates = new Formats(language, clientId == null ? null
        : clients.activeClient(clientId).map(c -> c.businessHours().timeZone()).orElse(null));
    boolean changed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> variable = it.next();
      JsonNode value = variable.getValue().path("value");
      String type = variable.getValue().path("type").asText();
      if ("Date".equals(type) && value.isTextual() && !edited.contains(variable.getKey())) {
        // a moment of an earlier step reads in the reader's language and the client's time zone
        try {
          Date moment = Date.from(OffsetDateTime.parse(value.asText(), CAMUNDA_DATE).toInstant());
          ObjectNode shown = (ObjectNode) variable.getValue();
          shown.put("value", escape(dates.dateTime(moment)));
          shown.put("type", "String");
          changed = true;
        } catch (java.time.format.DateTimeParseException otherFormat) {
          // shown as the engine gives it
        }
        continue;
      }
      if (edited.contains(variable.getKey()) || ProcedureVariables.REBOUND_MARKDOWN.contains(variable.getKey()) || !("String".equals(type) || "Boolean".equals(type)) || !value.isValueNode()
          || value.isNull()) {
        continue;
      }
      // a choice made in an earlier step reads as the words of the form that asked for it
      Optional<String> label = labels.of(variable.getKey(), value.asText(), language);
      if (label.isPresent() || value.isTextual()) {
        ObjectNode shown = (ObjectNode) variable.getValue();
        shown.put("value", escape(label.orElse(value.asText())));
        shown.put("type", "String");
        changed = true;
      }
    }
    return changed ? json.writeValueAsBytes(variables) : body;
  }

}
