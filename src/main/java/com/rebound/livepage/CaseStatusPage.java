package com.rebound.livepage;

import com.rebound.acceptance.ClientLinks;
import com.rebound.acceptance.Purpose;

import com.rebound.casebook.CaseBook;
import com.rebound.casebook.CaseView;
import com.rebound.clients.ClientService;
import com.rebound.identity.StaffNames;
import com.rebound.notify.Formats;
import com.rebound.notify.MessageKind;
import com.rebound.notify.TemplateModel;
import com.rebound.procedure.ProcedureVariables;
import com.rebound.provider.Provider;
import com.rebound.settings.ReboundSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * {@code /status/<token>}: the client's live page of its case, from the link in every mail, without an account, in the
 * client's language and on a phone. It shows what the client reported, the stage as a progress line, the agreed RTO/RPO and
 * the time left as the contract counts it, what we are doing now in the client's words, when they hear from us next, the
 * messages sent, their users' test rounds, and what we need from them (a test or a consent, with its button). It refreshes
 * itself every minute (a meta refresh: no script). It reads only the case book's view of this case, the outbox's subjects of
 * the client's messages and the open rounds: never internal notes, staff-only fields or another case.
 */
@Controller
class CaseStatusPage {

  /** The stages of a case as the client reads them, in order. */
  static final List<String> STAGES = List.of("assessment", "objectives", "recovery", "checks", "tests", "closing");

  private final ClientLinks links;
  private final CaseBook cases;
  private final ClientService clients;
  private final TaskService tasks;
  private final ManagementService management;
  private final JdbcTemplate jdbc;
  private final TemplateEngine templates;
  private final StaffNames staff;
  private final Provider provider;
  private final Clock clock;
  private final ReboundSettings.ClientLinks settings;

  CaseStatusPage(ClientLinks links, CaseBook cases, ClientService clients, TaskService tasks, ManagementService management,
      JdbcTemplate jdbc, TemplateEngine templates, StaffNames staff, Provider provider, Clock clock, ReboundSettings settings) {
    this.links = links;
    this.cases = cases;
    this.clients = clients;
    this.tasks = tasks;
    this.management = management;
    this.jdbc = jdbc;
    this.templates = templates;
    this.staff = staff;
    this.provider = provider;
    this.clock = clock;
    this.settings = settings.clientLinks();
  }

  @GetMapping("/status/{token}")
  ResponseEntity<String> page(@PathVariable String token) {
    Optional<ClientLinks.Link> found = links.find(token).filter(l -> l.purpose() == Purpose.STATUS);
    Instant now = clock.instant();
    if (found.isEmpty()) {
      return closed(null, "unknown", HttpStatus.NOT_FOUND);
    }
    ClientLinks.Link link = found.get();
    Optional<CaseView> view = cases.view(link.caseNumber(), now);
    if (link.expiredAt(now) || view.isEmpty()) {
      return closed(link, "revoked", HttpStatus.GONE);
    }
    CaseView c = view.get();
    if (c.closedAt() != null && !now.isBefore(c.closedAt().plus(settings.statusAfterClose()))) {
      return closed(link, "expired", HttpStatus.GONE);
    }
    String zone = clients.find(c.client().id()).map(client -> client.businessHours().timeZone()).orElse(null);
    Map<String, Object> model = frame(link.language());
    model.put("fmt", new Formats(link.language(), zone));
    model.put("caseNumber", c.caseNumber());
    model.put("clientName", c.client().name());
    model.put("summary", c.summary());
    model.put("closedAt", c.closedAt() == null ? null : Date.from(c.closedAt()));
    model.put("outcome", c.outcome());
    String stage = c.closedAt() != null ? "closed" : stage(c.currentSteps());
    model.put("stage", stage);
    model.put("stages", STAGES);
    model.put("stageIndex", "closed".equals(stage) ? STAGES.size() : "restoration".equals(stage) ? STAGES.indexOf("recovery")
        : STAGES.indexOf(stage));
    model.put("rto", TemplateModel.of(c.rto()));
    model.put("rpoHours", c.rpo().hours());
    model.put("doing", c.closedAt() != null ? List.of() : c.currentSteps().stream().map(CaseView.Step::step).distinct().toList());
    model.put("technician", technician(c));
    model.put("nextUpdate", nextUpdate(c, now));
    model.put("messages", messages(c.caseNumber()));
    model.put("rounds", TemplateModel.of(c.rounds() == null ? List.of() : c.rounds()));
    model.put("pending", pending(c));
    model.put("base", "/status/" + token);
    model.put("refreshSeconds", 60);
    String html = templates.process("client/status", new Context(Locale.forLanguageTag(link.language()), model));
    return ResponseEntity.ok().header("Cache-Control", "no-store")
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
  }

  /** "Record your tests" / "Answer": a link of the open round, issued now, and the way to its page. */
  @PostMapping("/status/{token}/answer")
  ResponseEntity<String> answer(@PathVariable String token) {
    Optional<ClientLinks.Link> found = links.find(token).filter(l -> l.purpose() == Purpose.STATUS)
        .filter(l -> !l.expiredAt(clock.instant()));
    if (found.isEmpty()) {
      return closed(null, "unknown", HttpStatus.NOT_FOUND);
    }
    ClientLinks.Link link = found.get();
    Optional<CaseView> view = cases.view(link.caseNumber(), clock.instant());
    Optional<Map<String, Object>> pending = view.flatMap(this::pending);
    if (pending.isEmpty()) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/status/" + token).build();
    }
    Purpose purpose = "consent".equals(pending.get().get("kind")) ? Purpose.CONSENT : Purpose.ACCEPTANCE;
    ClientLinks.Issued issued = links.issue(purpose, link.processInstanceId(), link.caseNumber(),
        ((Number) pending.get().get("round")).intValue(), link.language());
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .header("Location", (purpose == Purpose.CONSENT ? "/consent/" : "/acceptance/") + issued.token()).build();
  }

  /** The stage of the case's current step (the first if several); a runbook's step is recovery. */
  static String stage(List<CaseView.Step> steps) {
    if (steps.isEmpty()) {
      return "recovery";
    }
    return switch (steps.get(0).step()) {
      case ProcedureVariables.Tasks.ASSESS_IMPACT, "alertLateResponse" -> "assessment";
      case ProcedureVariables.Tasks.AGREE_OBJECTIVES -> "objectives";
      case ProcedureVariables.Tasks.VERIFY_INTERNALLY -> "checks";
      case ProcedureVariables.Tasks.CLIENT_ACCEPTANCE, "remindClient" -> "tests";
      case "assessRestoration", "clientConsent", "reinstallInSitu", "restoreToVm" -> "restoration";
      case "informUnrecoverable", "postIncidentReview", "offerPrevention" -> "closing";
      default -> "recovery";
    };
  }

  /** Who works the case now, as the provider chooses to say it: by name, or none (the page says "our technician"). */
  private String technician(CaseView c) {
    if (!settings.showTechnicianNames()) {
      return null;
    }
    return c.currentSteps().stream().map(CaseView.Step::assignee).filter(a -> a != null).findFirst()
        .map(a -> staff.displayName(a, null)).orElse(null);
  }

  /**
   * When the client hears from us next: the test reminder when one is due, else the end of the agreed recovery time when it is
   * still ahead (at the latest), else nothing to promise (the next step's message).
   */
  private Map<String, Object> nextUpdate(CaseView c, Instant now) {
    if (c.closedAt() != null) {
      return null;
    }
    for (Job timer : management.createJobQuery().processInstanceId(c.processInstanceId()).timers().list()) {
      String activity = management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId()).singleResult().getActivityId();
      if ("Event_AcceptanceReminder".equals(activity) && timer.getDuedate() != null && timer.getDuedate().toInstant().isAfter(now)) {
        return Map.of("kind", "reminder", "at", timer.getDuedate());
      }
    }
    if (c.rto() != null && c.rto().deadline() != null && c.rto().deadline().isAfter(now)) {
      return Map.of("kind", "deadline", "at", Date.from(c.rto().deadline()));
    }
    return Map.of("kind", "nextStep");
  }

  /** The subjects and times of the messages the client was sent (never the staff's), oldest first. */
  private List<Map<String, Object>> messages(String caseNumber) {
    List<String> staffKinds = java.util.Arrays.stream(MessageKind.values()).filter(MessageKind::toStaff).map(Enum::name).toList();
    List<Map<String, Object>> sent = new ArrayList<>();
    jdbc.query("SELECT kind, subject, created_at, sent_at FROM rebound_outbox WHERE case_number = ? AND status <> 'DISCARDED' "
        + "ORDER BY created_at, id", rs -> {
          if (!staffKinds.contains(rs.getString("kind"))) {
            Map<String, Object> message = new HashMap<>();
            message.put("subject", rs.getString("subject"));
            java.sql.Timestamp at = rs.getTimestamp("sent_at") != null ? rs.getTimestamp("sent_at") : rs.getTimestamp("created_at");
            message.put("at", new Date(at.getTime()));
            message.put("sent", rs.getTimestamp("sent_at") != null);
            sent.add(message);
          }
        }, caseNumber);
    return sent;
  }

  /** What we need from the client now: the open test round or the consent asked through a link, with its round. */
  private Optional<Map<String, Object>> pending(CaseView c) {
    if (c.closedAt() != null) {
      return Optional.empty();
    }
    for (Task task : tasks.createTaskQuery().processInstanceId(c.processInstanceId())
        .taskDefinitionKeyIn(ProcedureVariables.Tasks.CLIENT_ACCEPTANCE, "clientConsent").active().list()) {
      if (tasks.getVariableLocal(task.getId(), ClientLinks.ROUND) instanceof Number round) {
        return Optional.of(Map.of("kind", "clientConsent".equals(task.getTaskDefinitionKey()) ? "consent" : "tests", "round",
            round.intValue()));
      }
    }
    return Optional.empty();
  }

  private ResponseEntity<String> closed(ClientLinks.Link link, String why, HttpStatus status) {
    String language = link == null ? "es" : link.language();
    Map<String, Object> model = frame(language);
    model.put("why", why);
    model.put("caseNumber", link == null ? null : link.caseNumber());
    String html = templates.process("client/status-closed", new Context(Locale.forLanguageTag(language), model));
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(html);
  }

  private Map<String, Object> frame(String language) {
    Map<String, Object> model = new HashMap<>();
    model.put("language", language);
    model.put("provider", provider);
    model.put("providerLogo", provider.logoFile().isPresent());
    return model;
  }
}
