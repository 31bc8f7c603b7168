package com.rebound.acceptance;

import com.rebound.procedure.ProcedureVariables;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the client's pages do: read the round a token belongs to, record one user's test result, and
 * answer the round (submit the acceptance test, or consent). Answering completes the case's task in the
 * same transaction that closes the round, so the client's page and Tasklist cannot both answer it: the
 * first wins, the other is told the round is closed.
 */
@Service
class ClientRoundService {

  static final String VIA_LINK = "link";
  static final String VIA_TASKLIST = "tasklist";

  /**
   * The round this thread is answering through the client's link, while it completes the task. It is
   * not a variable, so no REST call, form or model can claim that the client answered: the fact is the
   * round's row, which only {@link #complete} closes with {@code via = link}.
   */
  private static final ThreadLocal<ClientLinks.Link> ANSWERING = new ThreadLocal<>();

  /** Where a token stands. */
  enum State { OPEN, EXPIRED, CLOSED, UNKNOWN }

  /** A token's round as the page shows it. */
  record View(State state, ClientLinks.Link link, Optional<ClientRounds.Round> round, Map<String, Object> variables,
      List<AcceptanceResults.Result> results) {
  }

  /** Input the client can correct: field, and the message key of the reason. */
  static class InputProblems extends RuntimeException {
    final Map<String, String> fields;

    InputProblems(Map<String, String> fields) {
      super("input problems " + fields.keySet(), null, false, false);
      this.fields = fields;
    }
  }

  /** The round cannot take answers any more (expired, closed, unknown). */
  static class RoundNotOpen extends RuntimeException {
    RoundNotOpen() {
      super("round not open", null, false, false);
    }
  }

  private static final List<String> SHOWN = List.of(ProcedureVariables.CASE_NUMBER, ProcedureVariables.CLIENT_ID,
      ProcedureVariables.CLIENT_NAME, ProcedureVariables.CLIENT_LANGUAGE, ProcedureVariables.SUMMARY, ProcedureVariables.DAMAGED_SCOPE,
      ProcedureVariables.TEST_INSTRUCTIONS, ProcedureVariables.RESTORATION_METHOD, ProcedureVariables.EXPECTED_DATA_LOSS,
      ProcedureVariables.RTO_HOURS, ProcedureVariables.RPO_HOURS, ProcedureVariables.ACCEPTANCE_ROUNDS,
      ProcedureVariables.RECOVERY_NOTES, ProcedureVariables.REINSTALL_NOTES, ProcedureVariables.VM_DETAILS);

  private final ClientLinks links;
  private final ClientRounds rounds;
  private final AcceptanceResults results;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final Clock clock;

  ClientRoundService(ClientLinks links, ClientRounds rounds, AcceptanceResults results, TaskService tasks, RuntimeService runtime,
      Clock clock) {
    this.links = links;
    this.rounds = rounds;
    this.results = results;
    this.tasks = tasks;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** The case a token belongs to, if it is a token of that purpose. */
  Optional<String> processInstanceOf(String token, Purpose purpose) {
    return links.find(token).filter(l -> l.purpose() == purpose).map(ClientLinks.Link::processInstanceId);
  }

  View view(String token, Purpose purpose) {
    Optional<ClientLinks.Link> found = links.find(token).filter(l -> l.purpose() == purpose);
    if (found.isEmpty()) {
      return new View(State.UNKNOWN, null, Optional.empty(), Map.of(), List.of());
    }
    ClientLinks.Link link = found.get();
    Optional<ClientRounds.Round> round = rounds.find(purpose, link.processInstanceId(), link.round());
    Optional<Task> task = openTask(link);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(ProcedureVariables.CASE_NUMBER, link.caseNumber());
    if (task.isPresent()) {
      variables.putAll(runtime.getVariables(link.processInstanceId(), SHOWN));
    }
    List<AcceptanceResults.Result> recorded = purpose == Purpose.ACCEPTANCE ? results.of(link.processInstanceId(), link.round()) : List.of();
    State state;
    if (round.map(r -> !r.open()).orElse(false) || task.isEmpty()) {
      state = State.CLOSED;
    } else if (link.expiredAt(clock.instant())) {
      state = State.EXPIRED;
    } else {
      state = State.OPEN;
    }
    return new View(state, link, round, variables, recorded);
  }

  /** One of the client's users records what they tested. */
  @Transactional
  void addResult(String token, String testerName, String tested, String outcome, String description) {
    Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "testerName", testerName, 200);
    required(problems, "tested", tested, 1000);
    if (!"ok".equals(outcome) && !"problem".equals(outcome)) {
      problems.put("outcome", "page.error.outcome");
    }
    if ("problem".equals(outcome)) {
      required(problems, "description", description, 4000);
    } else if (description != null && description.length() > 4000) {
      problems.put("description", "page.error.tooLong");
    }
    if (!problems.isEmpty()) {
      throw new InputProblems(problems);
    }
    ClientLinks.Link link = openLink(token, Purpose.ACCEPTANCE);
    results.add(link.processInstanceId(), link.round(), testerName.trim(), tested.trim(), "ok".equals(outcome),
        description == null || description.isBlank() ? null : description.trim());
    runtime.setVariable(link.processInstanceId(), ProcedureVariables.CLIENT_TEST_RESULTS,
        summary(results.of(link.processInstanceId(), link.round())));
  }

  /** The client's contact submits the round: all OK means accepted, any problem sends the case back to recovery. */
  @Transactional
  boolean submitAcceptance(String token, String submittedBy) {
    Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "submittedBy", submittedBy, 200);
    if (!problems.isEmpty()) {
      throw new InputProblems(problems);
    }
    ClientLinks.Link link = openLink(token, Purpose.ACCEPTANCE);
    List<AcceptanceResults.Result> recorded = results.of(link.processInstanceId(), link.round());
    if (recorded.isEmpty()) {
      throw new InputProblems(Map.of("submittedBy", "page.error.noResults"));
    }
    boolean accepted = recorded.stream().allMatch(AcceptanceResults.Result::ok);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(ProcedureVariables.CLIENT_ACCEPTED, accepted);
    if (!accepted) {
      answer.put(ProcedureVariables.ACCEPTANCE_ISSUES, problemsText(recorded));
    }
    complete(link, submittedBy.trim(), accepted ? "accepted" : "problems", answer);
    return accepted;
  }

  /** The client consents to the restoration, or refuses it. */
  @Transactional
  void answerConsent(String token, String name, String answer) {
    Map<String, String> problems = new LinkedHashMap<>();
    required(problems, "name", name, 200);
    if (!"yes".equals(answer) && !"no".equals(answer)) {
      problems.put("answer", "page.error.consentAnswer");
    }
    if (!problems.isEmpty()) {
      throw new InputProblems(problems);
    }
    ClientLinks.Link link = openLink(token, Purpose.CONSENT);
    complete(link, name.trim(), "yes".equals(answer) ? "consented" : "refused", Map.of(ProcedureVariables.CLIENT_CONSENTED,
        "yes".equals(answer), ProcedureVariables.CONSENT_GIVEN_BY, name.trim()));
  }

  /** Closes the round as answered by the client through the link (the recorded fact), then completes its task. */
  private void complete(ClientLinks.Link link, String by, String outcome, Map<String, Object> answer) {
    if (!rounds.lockIfOpen(link.purpose(), link.processInstanceId(), link.round())) {
      throw new RoundNotOpen();
    }
    Task task = openTask(link).orElseThrow(RoundNotOpen::new);
    if (!rounds.close(link.purpose(), link.processInstanceId(), link.round(), by, VIA_LINK, outcome)) {
      throw new RoundNotOpen();
    }
    ANSWERING.set(link);
    try {
      tasks.complete(task.getId(), answer);
    } finally {
      ANSWERING.remove();
    }
  }

  /** Whether this thread is completing that round's task from the client's link (see {@link #complete}). */
  static boolean answeringThroughLink(String processInstanceId, Purpose purpose, int round) {
    ClientLinks.Link link = ANSWERING.get();
    return link != null && link.processInstanceId().equals(processInstanceId) && link.purpose() == purpose && link.round() == round;
  }

  private ClientLinks.Link openLink(String token, Purpose purpose) {
    View view = view(token, purpose);
    if (view.state() != State.OPEN) {
      throw new RoundNotOpen();
    }
    return view.link();
  }

  /** The case's open task of the link's purpose and round, if it still waits for an answer. */
  private Optional<Task> openTask(ClientLinks.Link link) {
    String key = link.purpose() == Purpose.CONSENT ? ProcedureVariables.Tasks.CLIENT_CONSENT : ProcedureVariables.Tasks.CLIENT_ACCEPTANCE;
    return tasks.createTaskQuery().processInstanceId(link.processInstanceId()).taskDefinitionKey(key).active().list().stream()
        .filter(t -> tasks.getVariableLocal(t.getId(), ClientRoundListeners.ROUND) instanceof Number n && n.intValue() == link.round())
        .findFirst();
  }

  private static void required(Map<String, String> problems, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      problems.put(field, "page.error.required");
    } else if (value.length() > max) {
      problems.put(field, "page.error.tooLong");
    }
  }

  static String summary(List<AcceptanceResults.Result> recorded) {
    List<String> lines = new ArrayList<>();
    for (AcceptanceResults.Result r : recorded) {
      lines.add((r.ok() ? "OK" : "PROBLEM") + " · " + r.testerName() + " · " + r.tested()
          + (r.description() == null ? "" : " · " + r.description()));
    }
    return String.join("\n", lines);
  }

  private static String problemsText(List<AcceptanceResults.Result> recorded) {
    return String.join("\n", recorded.stream().filter(r -> !r.ok())
        .map(r -> r.testerName() + " (" + r.tested() + "): " + r.description()).toList());
  }
}
