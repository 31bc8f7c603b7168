package com.rebound.enginerest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.rebound.cases.CaseGuard;
import com.rebound.database.DatabaseUnavailable;
import com.rebound.web.Problems;
import java.io.UncheckedIOException;
import org.springframework.transaction.TransactionException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Task completions (complete, submit-form, resolve) over {@code /engine-rest} and from Tasklist ({@code /camunda/api/engine}) run one
 * at a time per case, on every node ({@link CaseGuard}: the whole request is one database transaction
 * that locks the case's row first), like the client's answers on their page. The answer is held back
 * until that transaction has committed, so a 204 is never sent for a completion that was not kept. A
 * {@code POST …/task/{id}/complete} that still fails inside the engine (500) because someone else
 * completed the task at the same moment (the client through their link): when the task is by then
 * completed, the caller is told so with 404 {@code TaskGone} instead of the engine's internal error.
 * Nothing else is changed: other answers pass through as they are.
 */
class LateCompletionFilter extends OncePerRequestFilter {

  private static final Pattern COMPLETE = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)$");
  private final HistoryService history;
  private final TaskService tasks;
  private final CaseGuard cases;

  LateCompletionFilter(HistoryService history, TaskService tasks, CaseGuard cases) {
    this.history = history;
    this.tasks = tasks;
    this.cases = cases;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    Matcher task = COMPLETE.matcher(request.getRequestURI());
    Task open = task.matches() ? tasks.createTaskQuery().taskId(task.group(1)).singleResult() : null;
    if (open != null && open.getProcessInstanceId() != null) {
      // one answer to a case at a time (the client's page takes the same lock)
      try {
        cases.alone(open.getProcessInstanceId(), rollbackOnly -> {
          try {
            chain.doFilter(request, answer);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (ServletException e) {
            throw new IllegalStateException(e);
          }
          if (answer.getStatus() >= 400) {
            rollbackOnly.run();
          }
          return null;
        });
      } catch (TransactionException notKept) {
        answer.resetBuffer();
        Problems.write(request, answer, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
            DatabaseUnavailable.TYPE, DatabaseUnavailable.MESSAGE);
      }
    } else {
      chain.doFilter(request, answer);
    }
    if (answer.getStatus() >= 500 && task.matches()
        && history.createHistoricTaskInstanceQuery().taskId(task.group(1)).finished().count() > 0) {
      answer.resetBuffer();
      Problems.write(request, answer, HttpServletResponse.SC_NOT_FOUND, "task-gone", "The step was answered already", TaskGone.TYPE,
          TaskGone.message(task.group(1)));
    }
    answer.copyBodyToResponse();
  }
}
