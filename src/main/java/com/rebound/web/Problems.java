package com.rebound.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of Rebound's API errors: RFC 9457 problem details ({@code application/problem+json}) with a
 * type per kind of problem ({@code urn:rebound:problem:<kind>}), a title, the status, a detail a person can
 * act on, the path as {@code instance}, and for bad input {@code errors}: each field with its reason.
 * Camunda's {@code /engine-rest} keeps its own shape ({@code type}, {@code message}).
 */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";
  /** Problems written outside Spring MVC take the shape Spring MVC gives them (properties such as errors at the top). */
  private static final ObjectMapper JSON = new ObjectMapper()
      .addMixIn(ProblemDetail.class, org.springframework.http.converter.json.ProblemDetailJacksonMixin.class);

  private Problems() {
  }

  /** The type URI of a kind of problem, e.g. {@code urn:rebound:problem:validation}. */
  public static URI type(String kind) {
    return URI.create("urn:rebound:problem:" + kind);
  }

  public static ProblemDetail of(HttpStatus status, String kind, String title, String detail, List<ApiProblem.FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(kind));
    problem.setTitle(title);
    if (errors != null && !errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }

  /** A problem as the answer of a controller, with the request's path as its instance. */
  public static ResponseEntity<ProblemDetail> answer(HttpServletRequest request, ProblemDetail problem) {
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** The same as bytes, for a controller whose answers are files (a report as PDF or HTML cannot say what is missing). */
  public static ResponseEntity<byte[]> answerAsBytes(HttpServletRequest request, ProblemDetail problem) {
    problem.setInstance(URI.create(request.getRequestURI()));
    try {
      return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(JSON.writeValueAsBytes(problem));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True for the paths of Rebound's own API, which answer problems; other doors keep their own shape. */
  public static boolean isReboundApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api") || path.startsWith("/api/");
  }

  /**
   * Writes an error from a filter (before any controller): a problem on Rebound's API, Camunda's
   * {@code {"type", "message"}} elsewhere ({@code /engine-rest}, {@code /actuator}).
   */
  public static void write(HttpServletRequest request, HttpServletResponse response, int status, String kind, String title,
      String camundaType, String detail) throws IOException {
    response.setStatus(status);
    response.setCharacterEncoding("UTF-8");
    Map<String, Object> body = new LinkedHashMap<>();
    if (isReboundApi(request)) {
      response.setContentType(MEDIA_TYPE);
      body.put("type", type(kind).toString());
      body.put("title", title);
      body.put("status", status);
      body.put("detail", detail);
      body.put("instance", request.getRequestURI());
    } else {
      response.setContentType("application/json");
      body.put("type", camundaType);
      body.put("message", detail);
    }
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
