package com.rebound.restapi;

import com.rebound.procedure.ProcedureContractException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** How Rebound's own API ({@code /api}) answers errors: type, message, and each bad field with its reason. */
@RestControllerAdvice(basePackages = "com.rebound")
class ApiErrors {

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Map<String, Object>> problem(ApiProblem problem) {
    return body(problem.status(), problem.status() == HttpStatus.BAD_REQUEST ? "ValidationException" : problem.status().name(),
        problem.getMessage(), problem.errors());
  }

  @ExceptionHandler(ProcedureContractException.class)
  ResponseEntity<Map<String, Object>> contract(ProcedureContractException e) {
    return body(HttpStatus.BAD_REQUEST, "ProcedureContractException", e.getMessage(), List.of());
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<Map<String, Object>> notAllowed(AuthorizationException e) {
    return body(HttpStatus.FORBIDDEN, "AuthorizationException", "Your account may not do this.", List.of());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, "InvalidRequestException",
        "The request body is not valid JSON for this request, or a value has the wrong type.", List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "InvalidRequestException", "Send JSON (Content-Type: application/json).", List.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> parameter(MethodArgumentTypeMismatchException e) {
    return body(HttpStatus.BAD_REQUEST, "ValidationException", "1 field is not valid",
        List.of(new ApiProblem.FieldProblem(e.getName(), "is not a valid value: '" + e.getValue() + "'")));
  }

  /** The database is away (restarting, unreachable): 503 that says so; anything else stays a 500. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) throws RuntimeException {
    if (com.rebound.database.DatabaseUnavailable.causes(e)) {
      return body(HttpStatus.SERVICE_UNAVAILABLE, "DatabaseUnavailable", com.rebound.database.DatabaseUnavailable.MESSAGE, List.of());
    }
    throw e;
  }

  private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String type, String message,
      List<ApiProblem.FieldProblem> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("message", message);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return ResponseEntity.status(status).body(body);
  }
}
