package com.rebound.enginerest;

import com.rebound.procedure.FormTranslations;
import com.rebound.database.DatabaseUnavailable;
import com.rebound.web.FilterOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.clients.ClientDirectory;
import com.rebound.procedure.OptionLabels;
import com.rebound.procedure.StepFields;
import com.rebound.procedure.ModelNames;
import com.rebound.tasklist.TasklistWords;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.rebound.procedure.ProcedureContractException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import com.rebound.cases.CaseGuard;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /engine-rest} answers a step that breaks the procedure's contract with 400 and the reason
 * (which field, why), instead of Camunda's 500 "exception while invoking the TaskListener"; every
 * other error keeps Camunda's documented format ({@code type}, {@code message}) and status. A body
 * that is not JSON, or a Java-serialized variable, is a 400 that says so.
 */
@Configuration
class EngineRestErrors {

  @Bean
  ResourceConfigCustomizer clearClientErrors(HistoryService history) {
    return config -> config.register(ContractViolationMapper.class).register(MalformedJsonMapper.class)
        .register(new TaskGoneMapper(history)).register(DatabaseUnavailableMapper.class)
        .register(EngineDatabaseUnavailableMapper.class);
  }

  /** Outside the login filter, so that its check of the task runs as the system. */
  @Bean
  FilterRegistrationBean<LateCompletionFilter> lateCompletion(HistoryService history, TaskService tasks, CaseGuard cases) {
    FilterRegistrationBean<LateCompletionFilter> registration =
        new FilterRegistrationBean<>(new LateCompletionFilter(history, tasks, cases));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(FilterOrder.CASE_LOCK);
    return registration;
  }


  /** The forms as Tasklist loads them, in the reader's language. */
  @Bean
  FilterRegistrationBean<FormTranslationFilter> formTranslation(FormTranslations translations, ObjectMapper json) {
    FilterRegistrationBean<FormTranslationFilter> registration = new FilterRegistrationBean<>(new FormTranslationFilter(translations, json));
    registration.addUrlPatterns("/camunda/api/engine/*");
    registration.setOrder(FilterOrder.FORM_TRANSLATION);
    return registration;
  }

  /** Tasklist's words from the model and the shared filters, in the reader's language. */
  @Bean
  FilterRegistrationBean<TasklistWordsFilter> tasklistWordsFilter(ModelNames names, TasklistWords words, TaskService tasks,
      FilterService filters, ObjectMapper json) {
    FilterRegistrationBean<TasklistWordsFilter> registration =
        new FilterRegistrationBean<>(new TasklistWordsFilter(names, words, tasks, filters, json));
    registration.addUrlPatterns("/camunda/api/engine/*");
    registration.setOrder(FilterOrder.TASKLIST_WORDS);
    return registration;
  }

  /** Tasklist's form variables, with the text people typed made literal for the forms' Markdown. */
  @Bean
  FilterRegistrationBean<FormTextFilter> formText(TaskService tasks, StepFields fields, OptionLabels labels, ClientDirectory clients,
      ObjectMapper json) {
    FilterRegistrationBean<FormTextFilter> registration =
        new FilterRegistrationBean<>(new FormTextFilter(tasks, fields, labels, clients, json));
    registration.addUrlPatterns("/camunda/api/engine/*");
    registration.setOrder(FilterOrder.FORM_TEXT);
    return registration;
  }

  /**
   * A task completed by someone else a moment before (the client through their link, another
   * technician) can fail the late caller's permission check, since the task's grants went with it:
   * that caller is told the task is gone (404), not that they lack a permission. Other refusals keep
   * Camunda's 403.
   */
  @Priority(1)
  static class TaskGoneMapper implements ExceptionMapper<AuthorizationException> {

    private final HistoryService history;
    private final ProcessEngineExceptionHandler camundasOwn = new ProcessEngineExceptionHandler();

    TaskGoneMapper(HistoryService history) {
      this.history = history;
    }

    @Override
    public Response toResponse(AuthorizationException exception) {
      for (MissingAuthorization missing : exception.getMissingAuthorizations()) {
        String taskId = missing.getResourceId();
        if ("Task".equals(missing.getResourceType()) && taskId != null
            && history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0) {
          return json(Response.Status.NOT_FOUND.getStatusCode(), TaskGone.TYPE, TaskGone.message(taskId));
        }
      }
      return camundasOwn.toResponse(exception);
    }
  }

  /** The database is away: 503 that says so (Camunda answers 500 with the driver's message). */
  @Priority(1)
  static class DatabaseUnavailableMapper implements ExceptionMapper<Throwable> {

    private final org.camunda.bpm.engine.rest.exception.ExceptionHandler camundasOwn =
        new org.camunda.bpm.engine.rest.exception.ExceptionHandler();

    @Override
    public Response toResponse(Throwable exception) {
      Response away = databaseAway(exception);
      return away != null ? away : camundasOwn.toResponse(exception);
    }
  }

  /** The same for the engine's own exceptions, which Camunda maps apart; and a refused deployment is a 400. */
  @Priority(1)
  static class EngineDatabaseUnavailableMapper implements ExceptionMapper<org.camunda.bpm.engine.ProcessEngineException> {

    private final ProcessEngineExceptionHandler camundasOwn = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(org.camunda.bpm.engine.ProcessEngineException exception) {
      Response away = databaseAway(exception);
      if (away != null) {
        return away;
      }
      // e.g. a deployment refused by the model guard
      Response contract = contractViolation(exception);
      if (contract != null) {
        return contract;
      }
      Response taken = alreadyClaimed(exception);
      return taken != null ? taken : camundasOwn.toResponse(exception);
    }
  }

  /**
   * 400 with the reason when a cause is a breach of the procedure's contract, 403 when a cause is one of the
   * engine's refusals raised inside a listener (which the engine wraps in its own error); null otherwise.
   */
  static Response contractViolation(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProcedureContractException contract) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), ProcedureContractException.class.getSimpleName(),
            contract.getMessage());
      }
      if (cause != exception && cause instanceof AuthorizationException refused) {
        return json(Response.Status.FORBIDDEN.getStatusCode(), AuthorizationException.class.getSimpleName(), refused.getMessage());
      }
    }
    return null;
  }

  /**
   * 409 when the task was claimed by someone else a moment before (two technicians taking the same step from the
   * queue): the first keeps it, the second is told who has it; Camunda's own answer is a 500. Null otherwise.
   */
  static Response alreadyClaimed(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof org.camunda.bpm.engine.TaskAlreadyClaimedException taken) {
        return json(Response.Status.CONFLICT.getStatusCode(), "TaskAlreadyClaimed", "Task " + taken.getTaskId() + " was taken by "
            + taken.getTaskAssignee() + " a moment ago; nothing changed. Reload the list to see what is still free.");
      }
    }
    return null;
  }

  /**
   * 503 with Retry-After when the failure says the database is too busy (a lock or a pooled connection not had in time:
   * the transaction was rolled back, nothing done) or could not be reached; null otherwise.
   */
  static Response databaseAway(Throwable exception) {
    DatabaseUnavailable.Refusal refusal = DatabaseUnavailable.refusal(exception);
    if (refusal == null) {
      return null;
    }
    return Response.fromResponse(json(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), DatabaseUnavailable.TYPE,
        refusal.message()))
        .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS)).build();
  }

  /** A body that is not JSON: 400 saying where it breaks (Camunda answers 400 with an empty message). */
  @Priority(1)
  static class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
      JsonLocation at = exception.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return json(400, "InvalidRequestException", "The request body is not valid JSON" + where + ": "
          + exception.getOriginalMessage().lines().findFirst().orElse(""));
    }
  }

  @Priority(1)
  static class ContractViolationMapper implements ExceptionMapper<RestException> {

    /** Camunda's code for a variable in Java serialization, which Rebound refuses. */
    private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";
    private final RestExceptionHandler camundasOwn = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      Response away = databaseAway(exception);
      if (away != null) {
        return away;
      }
      Response contract = contractViolation(exception);
      if (contract != null) {
        return contract;
      }
      Response taken = alreadyClaimed(exception);
      if (taken != null) {
        return taken;
      }
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof NullValueException && cause.getMessage() != null && cause.getMessage().startsWith("Cannot find task")) {
          String taskId = cause.getMessage().replaceFirst("^Cannot find task with id ", "").replaceFirst("[:\\s].*$", "");
          return json(Response.Status.NOT_FOUND.getStatusCode(), TaskGone.TYPE, TaskGone.message(taskId));
        }
        if (cause instanceof OptimisticLockingException) {
          return json(Response.Status.CONFLICT.getStatusCode(), "Conflict", exception.getMessage().replaceFirst(":.*", "")
              + ": someone else changed the same case at the same moment (for example the client answered through their link)."
              + " Nothing of your request was kept; reload and look again.");
        }
        if (cause.getMessage() != null && cause.getMessage().contains(JAVA_SERIALIZATION_PROHIBITED)) {
          return json(Response.Status.BAD_REQUEST.getStatusCode(), "InvalidRequestException",
              "Java-serialized variables are not accepted; send JSON (serializationDataFormat application/json) or a primitive type.");
        }
      }
      return camundasOwn.toResponse(exception);
    }

  }

  private static Response json(int status, String type, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", type, "message", message == null ? "" : message)).build();
  }
}
