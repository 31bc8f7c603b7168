package com.rebound.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error a caller of Rebound's own API can act on: a status, a message and, for bad input, each
 * field with the reason. Rendered by {@link ApiErrors} as {@code {"type", "message", "errors"}}.
 */
public class ApiProblem extends RuntimeException {

  /** One field of the request and what is wrong with it. */
  public record FieldProblem(String field, String reason) {
  }

  private final HttpStatus status;
  private final List<FieldProblem> errors;

  ApiProblem(HttpStatus status, String message, List<FieldProblem> errors) {
    super(message, null, false, false);
    this.status = status;
    this.errors = errors;
  }

  public static ApiProblem invalid(List<FieldProblem> errors) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, errors.size() == 1 ? "1 field is not valid" : errors.size() + " fields are not valid",
        List.copyOf(errors));
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(HttpStatus.NOT_FOUND, message, List.of());
  }

  public static ApiProblem conflict(String message) {
    return new ApiProblem(HttpStatus.CONFLICT, message, List.of());
  }

  public static ApiProblem forbidden(String message) {
    return new ApiProblem(HttpStatus.FORBIDDEN, message, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}
