package com.rebound.lessons;

import com.rebound.web.Roles;
import com.rebound.web.ApiProblem;
import com.rebound.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/lessons}: the lessons of reviewed cases for staff, newest first, searched by words and facts. */
@RestController
class LessonController {

  private static final List<String> STAFF = List.of(Roles.TECHNICIANS, Roles.MANAGERS, Roles.ADMINISTRATORS);

  private final Lessons lessons;
  private final CurrentUser currentUser;

  LessonController(Lessons lessons, CurrentUser currentUser) {
    this.lessons = lessons;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/lessons")
  Map<String, Object> search(@RequestParam(required = false) String q, @RequestParam(required = false) String cause,
      @RequestParam(required = false) String outcome, @RequestParam(required = false) String sector,
      @RequestParam(required = false) String client, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "25") int size) {
    currentUser.requireAnyGroup(STAFF);
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    if (outcome != null && !outcome.isBlank() && !Lessons.OUTCOMES.contains(outcome)) {
      problems.add(new ApiProblem.FieldProblem("outcome", "must be one of " + String.join(", ", Lessons.OUTCOMES)));
    }
    if (q != null && q.length() > 200) {
      problems.add(new ApiProblem.FieldProblem("q", "must be at most 200 characters"));
    }
    if (page < 0) {
      problems.add(new ApiProblem.FieldProblem("page", "must be 0 or more"));
    }
    if (size < 1 || size > 200) {
      problems.add(new ApiProblem.FieldProblem("size", "must be between 1 and 200"));
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid(problems);
    }
    return lessons.search(q, cause, outcome, sector, client, page, size);
  }
}
