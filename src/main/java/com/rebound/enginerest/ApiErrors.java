package com.rebound.enginerest;

import com.rebound.database.DatabaseUnavailable;
import com.rebound.web.Problems;
import com.rebound.web.ApiProblem;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.rebound.procedure.ProcedureContractException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * How Rebound's own API ({@code /api}) answers errors: RFC 9457 problem details ({@link Problems}), with
 * each bad field and its reason, including a value of the wrong type or format in a JSON body.
 */
@RestControllerAdvice
class ApiErrors {

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> problem(ApiProblem problem, HttpServletRequest request) {
    HttpStatus status = problem.status();
    String kind = switch (status) {
      case BAD_REQUEST -> "validation";
      case NOT_FOUND -> "not-found";
      case CONFLICT -> "conflict";
      case FORBIDDEN -> "forbidden";
      case UNAUTHORIZED -> "unauthorized";
      case PAYLOAD_TOO_LARGE -> "too-large";
      default -> status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    };
    String title = status == HttpStatus.BAD_REQUEST ? "The request is not valid" : status.getReasonPhrase();
    return answer(request, Problems.of(status, kind, title, problem.getMessage(), problem.errors()));
  }

  @ExceptionHandler(ProcedureContractException.class)
  ResponseEntity<ProblemDetail> contract(ProcedureContractException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.BAD_REQUEST, "procedure-contract", "The procedure refuses this", e.getMessage(), null));
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ProblemDetail> notAllowed(AuthorizationException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your account may not do this.", null));
  }

  /** Two answers to the same case at the same moment (another node, another person): the second is told to try again. */
  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> concurrent(org.camunda.bpm.engine.OptimisticLockingException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.CONFLICT, "changed-meanwhile", "Changed at the same moment",
        "Someone else changed this at the same moment; nothing of yours was kept. Reload and try again.", null));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Throwable cause = e.getCause();
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().startsWith("request body larger than")) {
        return answer(request, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "The request is too large",
            "The request body is larger than this door accepts (" + c.getMessage().substring("request body larger than ".length())
                + ").", null));
      }
    }
    if (cause instanceof JsonParseException parse) {
      return answer(request, Problems.of(HttpStatus.BAD_REQUEST, "invalid-json", "The request body is not JSON",
          "The request body is not valid JSON: " + parse.getOriginalMessage() + " (line " + parse.getLocation().getLineNr()
              + ", column " + parse.getLocation().getColumnNr() + ").", null));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = field(mismatch.getPath());
      return answer(request, Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request is not valid", "1 field is not valid",
          List.of(new ApiProblem.FieldProblem(field, reason(mismatch)))));
    }
    String detail = cause == null || e.getMessage() == null || e.getMessage().startsWith("Required request body is missing")
        ? "Send a JSON body (Content-Type: application/json)."
        : "The request body is not valid JSON for this request.";
    return answer(request, Problems.of(HttpStatus.BAD_REQUEST, "invalid-json", "The request body is not JSON", detail, null));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Send JSON",
        "Send JSON (Content-Type: application/json).", null));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
        request.getMethod() + " is not served here; use " + String.join(", ", e.getSupportedMethods() == null ? new String[0]
            : e.getSupportedMethods()) + ".", null));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing is served at " + request.getRequestURI()
        + ".", null));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request is not valid", "1 field is not valid",
        List.of(new ApiProblem.FieldProblem(e.getParameterName(), "is required"))));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> parameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return answer(request, Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request is not valid", "1 field is not valid",
        List.of(new ApiProblem.FieldProblem(e.getName(), "is not a valid value: '" + e.getValue() + "'"))));
  }

  /** The database is away (restarting, unreachable): 503 that says so; anything else stays a 500. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e, HttpServletRequest request) throws RuntimeException {
    DatabaseUnavailable.Refusal refusal = DatabaseUnavailable.refusal(e);
    if (refusal != null) {
      return retryLater(answer(request, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, refusal.kind(), refusal.title(),
          refusal.message(), null)));
    }
    throw e;
  }

  /** A 503 tells the caller when to try again (Alertmanager and other monitors retry). */
  private static ResponseEntity<ProblemDetail> retryLater(ResponseEntity<ProblemDetail> answer) {
    return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
        .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS)).body(answer.getBody());
  }

  private static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, ProblemDetail problem) {
    return Problems.answer(request, problem);
  }

  /** The JSON path of the bad value as a caller wrote it: {@code detectedAt}, {@code alerts[2].startsAt}. */
  static String field(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        field.append('[').append(reference.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  /** What the field should have been, in words. */
  private static String reason(MismatchedInputException mismatch) {
    Class<?> target = mismatch.getTargetType();
    String expected;
    if (target == null) {
      expected = "a value of another type";
    } else if (Temporal.class.isAssignableFrom(target) || java.util.Date.class.isAssignableFrom(target)) {
      expected = "a date and time such as 2026-12-03T09:15:00+01:00";
    } else if (target == String.class) {
      expected = "text";
    } else if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
      expected = "a whole number";
    } else if (Number.class.isAssignableFrom(target) || target == double.class) {
      expected = "a number";
    } else if (target == Boolean.class || target == boolean.class) {
      expected = "true or false";
    } else if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      expected = "a list";
    } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      expected = "an object";
    } else if (target.isEnum()) {
      expected = "one of " + String.join(", ", java.util.Arrays.stream(target.getEnumConstants()).map(Object::toString).toList());
    } else {
      expected = "a value of another type";
    }
    if (mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
      String value = String.valueOf(invalid.getValue());
      return "'" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "' is not valid: must be " + expected;
    }
    return "must be " + expected;
  }
}
