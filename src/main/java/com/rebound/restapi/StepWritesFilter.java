package com.rebound.restapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.procedure.StepFields;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A step writes only its own fields, on every REST route ({@code /engine-rest} and Tasklist's
 * {@code /camunda/api/engine}): completing a task ({@code complete}, {@code submit-form}) may set only
 * the fields of that step (the contract's and its deployed form's, {@link StepFields}); starting a case
 * only the start fields. Variables Rebound owns ({@code caseNumber}, {@code severity},
 * {@code acceptanceRounds}, the client's answer...) are therefore never written by a person. Writing
 * variables directly ({@code PUT/POST/DELETE .../variables}, {@code .../localVariables}) is for
 * administrators over {@code /engine-rest} only. A refused write is a 400 (403 for direct writes)
 * naming the variables, and nothing changes.
 */
class StepWritesFilter extends OncePerRequestFilter {

  private static final Pattern COMPLETE = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)$");
  private static final Pattern START = Pattern.compile(".*/process-definition/(?:key/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(start|submit-form)$");
  private static final Pattern VARIABLES = Pattern.compile(
      ".*/(task|process-instance|execution|case-instance|case-execution)/[^/]+/(variables|localVariables)(/.*)?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService tasks;
  private final StepFields fields;

  StepWritesFilter(TaskService tasks, StepFields fields) {
    this.tasks = tasks;
    this.fields = fields;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    if (VARIABLES.matcher(path).matches()) {
      if (!(path.contains("/engine-rest/") && request.isUserInRole("camunda-admin"))) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "Variables of a case are written by its steps (complete the task with "
            + "its form's fields) and by Rebound; writing them directly is for administrators over /engine-rest. Nothing was changed.");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Matcher complete = COMPLETE.matcher(path);
    Matcher start = START.matcher(path);
    boolean completing = "POST".equals(request.getMethod()) && complete.matches();
    boolean starting = "POST".equals(request.getMethod()) && start.matches();
    if (!completing && !starting) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    Set<String> written = variableNames(body);
    Set<String> allowed;
    String step;
    boolean askedAsCaller = true;
    if (completing) {
      // found by LateCompletionFilter as the system (one lookup a completion); whether the caller may see it is asked only
      // before refusing, so a refusal never describes a task the caller cannot see (the engine refuses those itself)
      Task task = request.getAttribute(LateCompletionFilter.OPEN_TASK) instanceof Task open && open.getId().equals(complete.group(1))
          ? open : null;
      if (task == null) {
        task = tasks.createTaskQuery().taskId(complete.group(1)).singleResult();
      } else {
        askedAsCaller = false;
      }
      if (task == null) {
        // gone or never there: the engine answers as usual
        chain.doFilter(new CachedBody(request, body), response);
        return;
      }
      step = task.getTaskDefinitionKey();
      allowed = fields.ofTask(task);
    } else {
      step = "start";
      allowed = fields.ofStart();
    }
    Set<String> tooLong = tooLong(body);
    Set<String> refused = new TreeSet<>(written);
    refused.removeAll(allowed);
    if ((!tooLong.isEmpty() || !refused.isEmpty()) && !askedAsCaller
        && tasks.createTaskQuery().taskId(complete.group(1)).count() == 0) {
      // not the caller's to see: the engine answers as usual (403 or 404), as for a task that is not there
      chain.doFilter(new CachedBody(request, body), response);
      return;
    }
    if (!tooLong.isEmpty()) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, String.join(", ", tooLong) + ": a text may be at most "
          + ProcedureVariables.MAX_TEXT + " characters. Nothing was changed.");
      return;
    }
    if (!refused.isEmpty()) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "'" + step + "' may set only its own fields (" + String.join(", ",
          new TreeSet<>(allowed)) + "); not " + String.join(", ", refused) + ". Variables Rebound keeps are written by Rebound. "
          + "Nothing was changed.");
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }


  /** The variables whose text is longer than a step may write (whatever the field, a contract's or one a form added). */
  private static Set<String> tooLong(byte[] body) {
    Set<String> names = new TreeSet<>();
    try {
      JSON.readTree(body).path("variables").fields().forEachRemaining(variable -> {
        JsonNode value = variable.getValue().path("value");
        if (value.isTextual() && value.asText().length() > ProcedureVariables.MAX_TEXT) {
          names.add(variable.getKey());
        }
      });
    } catch (IOException notJson) {
      // the engine answers a body that is not JSON with a 400 of its own
    }
    return names;
  }

  /** The names under "variables" (and "modifications" of a variables call) in a JSON body. */
  private static Set<String> variableNames(byte[] body) {
    Set<String> names = new TreeSet<>();
    if (body.length == 0) {
      return names;
    }
    try {
      JsonNode variables = JSON.readTree(body).path("variables");
      for (Iterator<String> it = variables.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
    } catch (IOException notJson) {
      // the engine answers a body that is not JSON with a 400 of its own
    }
    return names;
  }

  private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", status == 400 ? "ProcedureContractException"
        : "AuthorizationException", "message", message)));
  }
}
