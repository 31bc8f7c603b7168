package com.rebound.enginerest;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.ReboundSpringBootTest;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A technician completing a task that the client answered a moment before can fail the permission
 * check (the task's grants went with it) or the engine's optimistic lock: the answer must say what
 * happened, not that a permission is missing or that the server failed. Hard to time over HTTP, so the
 * mappers are called as Jersey would call them.
 */
@ReboundSpringBootTest
class RaceAnswersTest {

  @org.springframework.boot.test.web.server.LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  com.rebound.cases.CaseGuard cases;
  @Autowired
  org.camunda.bpm.engine.IdentityService identity;

  @Test
  void aRefusalOnATaskThatWasJustCompletedSaysTheTaskIsGone() {
    String instance = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "ladrillos-garcia",
        "reportedBy", "Juan", "summary", "Router")).getId();
    Task assessment = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    tasks.complete(assessment.getId(), Map.of("impactLevel", "minor", "usersAffected", 1L, "dataLossSuspected", false,
        "probableCause", "hardware", "damagedScope", "Router"));
    Task objectives = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    EngineRestErrors.TaskGoneMapper mapper = new EngineRestErrors.TaskGoneMapper(history);

    Response gone = mapper.toResponse(refusal(assessment.getId()));
    assertThat(gone.getStatus()).isEqualTo(404);
    assertThat(((Map<?, ?>) gone.getEntity()).get("type")).isEqualTo("TaskGone");
    assertThat(((Map<?, ?>) gone.getEntity()).get("message").toString()).contains(assessment.getId(), "answered already");

    Response refused = mapper.toResponse(refusal(objectives.getId()));
    assertThat(refused.getStatus()).as("an open task: a real refusal").isEqualTo(403);
  }

  @Test
  void theSecondTechnicianClaimingAStepIsToldWhoTookIt_andTheFirstKeepsIt() throws Exception {
    com.rebound.SecondTechnician.ensure(identity);
    String instance = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "ladrillos-garcia",
        "reportedBy", "Juan", "summary", "Servidor de ficheros")).getId();
    String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
    com.rebound.EngineRestClient tech = new com.rebound.EngineRestClient(port, "tech");
    assertThat(tech.post("/task/" + task + "/claim", "{\"userId\": \"tech\"}").status()).isEqualTo(204);

    com.rebound.EngineRestClient.Response second = tech.as(com.rebound.SecondTechnician.ID)
        .post("/task/" + task + "/claim", "{\"userId\": \"" + com.rebound.SecondTechnician.ID + "\"}");
    assertThat(second.status()).as(String.valueOf(second.body())).isEqualTo(409);
    assertThat(second.body().get("type").asText()).isEqualTo("TaskAlreadyClaimed");
    assertThat(second.body().get("message").asText()).contains(task, "taken by tech", "nothing changed");
    assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("tech");
  }

  @Test
  void aConcurrentChangeIsAConflictThatSaysNothingWasKept() {
    Response conflict = new EngineRestErrors.ContractViolationMapper().toResponse(new org.camunda.bpm.engine.rest.exception.RestException(
        Response.Status.INTERNAL_SERVER_ERROR, new org.camunda.bpm.engine.OptimisticLockingException("ENGINE-03005 Execution of 'INSERT "
            + "VariableInstanceEntity[42]' failed. Entity was updated by another transaction concurrently."),
        "Cannot complete task 616f: ENGINE-03005 Execution of 'INSERT VariableInstanceEntity[42]' failed."));
    assertThat(conflict.getStatus()).isEqualTo(409);
    assertThat(((Map<?, ?>) conflict.getEntity()).get("message").toString())
        .startsWith("Cannot complete task 616f: someone else changed the same case").contains("Nothing of your request was kept");
  }

  @Test
  void anInternalErrorOnCompletingATaskThatSomeoneElseCompletedSaysTheTaskIsGone() throws Exception {
    String instance = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "ladrillos-garcia",
        "reportedBy", "Juan", "summary", "Impresora")).getId();
    Task assessment = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    tasks.complete(assessment.getId(), Map.of("impactLevel", "minor", "usersAffected", 1L, "dataLossSuspected", false,
        "probableCause", "hardware", "damagedScope", "Impresora"));
    Task open = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    LateCompletionFilter filter = new LateCompletionFilter(history, tasks, cases);

    org.springframework.mock.web.MockHttpServletResponse late = failInside(filter, assessment.getId());
    assertThat(late.getStatus()).isEqualTo(404);
    assertThat(late.getContentAsString()).contains("TaskGone", assessment.getId(), "Nothing of your request was kept");

    org.springframework.mock.web.MockHttpServletResponse other = failInside(filter, open.getId());
    assertThat(other.getStatus()).as("a failure on an open task is left as it is").isEqualTo(500);
    assertThat(other.getContentAsString()).isEqualTo("{\"type\":\"NullPointerException\"}");
  }

  /** A completion whose engine call fails with a 500, as in the race. */
  private static org.springframework.mock.web.MockHttpServletResponse failInside(LateCompletionFilter filter, String taskId)
      throws Exception {
    org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest("POST",
        "/engine-rest/engine/default/task/" + taskId + "/complete");
    org.springframework.mock.web.MockHttpServletResponse response = new org.springframework.mock.web.MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      ((jakarta.servlet.http.HttpServletResponse) res).setStatus(500);
      res.setContentType("application/json");
      res.getWriter().write("{\"type\":\"NullPointerException\"}");
    });
    return response;
  }

  private static AuthorizationException refusal(String taskId) {
    return new AuthorizationException("tech", List.of(new MissingAuthorization("TASK_WORK", "Task", taskId)));
  }

  /** Resolving a step answers the case like completing it: it waits for the case's lock like every other answer. */
  @Test
  void resolvingAStepTakesTheCaseLock() throws Exception {
    String instance = runtime.startProcessInstanceByKey("disasterRecovery", Map.of("clientId", "ladrillos-garcia",
        "reportedBy", "Juan", "summary", "Printer")).getId();
    Task assessment = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicLong releasedAt = new java.util.concurrent.atomic.AtomicLong();
    Thread holder = new Thread(() -> cases.alone(instance, () -> {
      locked.countDown();
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      releasedAt.set(System.nanoTime());
      return null;
    }));
    holder.start();
    assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    com.rebound.EngineRestClient.Response resolved = new com.rebound.EngineRestClient(port, "tech")
        .post("/task/" + assessment.getId() + "/resolve", "{}");
    long answeredAt = System.nanoTime();
    holder.join();

    assertThat(resolved.status()).as("%s", resolved.body()).isLessThan(500);
    assertThat(answeredAt).as("answered only after the case's lock was released").isGreaterThan(releasedAt.get());
  }
}
