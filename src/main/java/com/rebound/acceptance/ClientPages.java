package com.rebound.acceptance;

import com.rebound.cases.CaseGuard;
import com.rebound.identity.StaffNames;
import com.rebound.provider.Provider;
import com.rebound.notify.Formats;
import com.rebound.notify.TemplateModel;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The client's pages, reached without an account through the link in an e-mail, in the client's
 * language: {@code /acceptance/<token>} (users record their tests, the contact submits the round) and
 * {@code /consent/<token>} (consent to a restoration). Plain HTML forms, usable on a phone.
 */
@Controller
class ClientPages {

  private final ClientRoundService service;
  private final TemplateEngine templates;
  private final CaseGuard cases;
  private final StaffNames staff;
  private final Provider provider;

  ClientPages(ClientRoundService service, TemplateEngine templates, CaseGuard cases, StaffNames staff, Provider provider) {
    this.service = service;
    this.templates = templates;
    this.cases = cases;
    this.staff = staff;
    this.provider = provider;
  }

  @GetMapping("/acceptance/{token}")
  ResponseEntity<String> acceptance(@PathVariable String token, @RequestParam(required = false) String done) {
    return page(token, Purpose.ACCEPTANCE, null, Map.of(), Map.of(), done);
  }

  @PostMapping("/acceptance/{token}/results")
  ResponseEntity<String> addResult(@PathVariable String token, @RequestParam(required = false) String testerName,
      @RequestParam(required = false) String tested, @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String description) {
    Map<String, String> entered = new HashMap<>();
    entered.put("testerName", testerName);
    entered.put("tested", tested);
    entered.put("outcome", outcome);
    entered.put("description", description);
    return act(token, Purpose.ACCEPTANCE, entered, () -> {
      service.addResult(token, testerName, tested, outcome, description);
      return "recorded";
    });
  }

  @PostMapping("/acceptance/{token}/submit")
  ResponseEntity<String> submit(@PathVariable String token, @RequestParam(required = false) String submittedBy) {
    Map<String, String> entered = new HashMap<>();
    entered.put("submittedBy", submittedBy);
    return act(token, Purpose.ACCEPTANCE, entered, () -> service.submitAcceptance(token, submittedBy) ? "accepted" : "problems");
  }

  @GetMapping("/consent/{token}")
  ResponseEntity<String> consent(@PathVariable String token, @RequestParam(required = false) String done) {
    return page(token, Purpose.CONSENT, null, Map.of(), Map.of(), done);
  }

  @PostMapping("/consent/{token}")
  ResponseEntity<String> answerConsent(@PathVariable String token, @RequestParam(required = false) String name,
      @RequestParam(required = false) String answer) {
    Map<String, String> entered = new HashMap<>();
    entered.put("name", name);
    entered.put("answer", answer);
    return act(token, Purpose.CONSENT, entered, () -> {
      service.answerConsent(token, name, answer);
      return "answered";
    });
  }

  /** Runs an answer (retrying when two users of the client write at the same moment), then shows the page again. */
  private ResponseEntity<String> act(String token, Purpose purpose, Map<String, String> entered, Supplier<String> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        String done = answerAlone(token, purpose, action);
        String path = (purpose == Purpose.ACCEPTANCE ? "/acceptance/" : "/consent/") + token + "?done=" + done;
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", path).build();
      } catch (ClientRoundService.InputProblems problems) {
        return page(token, purpose, HttpStatus.BAD_REQUEST, problems.fields, entered, null);
      } catch (ClientRoundService.RoundNotOpen closed) {
        return page(token, purpose, HttpStatus.CONFLICT, Map.of(), Map.of(), null);
      } catch (OptimisticLockingException busy) {
        if (attempt == 3) {
          return page(token, purpose, HttpStatus.CONFLICT, Map.of(), Map.of(), null);
        }
      }
    }
  }

  /** One answer to a case at a time, on every node: Tasklist's completions take the same lock. */
  private String answerAlone(String token, Purpose purpose, Supplier<String> action) {
    Optional<String> instance = service.processInstanceOf(token, purpose);
    return instance.isEmpty() ? action.get() : cases.alone(instance.get(), action);
  }

  private ResponseEntity<String> page(String token, Purpose purpose, HttpStatus status, Map<String, String> errors,
      Map<String, String> entered, String done) {
    ClientRoundService.View view = service.view(token, purpose);
    String language = view.link() == null ? "es" : view.link().language();
    Map<String, Object> model = new HashMap<>();
    model.putAll(view.variables());
    model.put("state", view.state().name());
    if (view.link() != null) {
      model.put("caseNumber", view.link().caseNumber());
      model.put("roundNumber", view.link().round());
      model.put("linkExpiresAt", java.util.Date.from(view.link().expiresAt()));
    }
    model.put("results", TemplateModel.of(view.results()));
    view.round().filter(r -> !r.open()).ifPresent(r -> {
      model.put("closed", TemplateModel.of(r));
      // the client reads who closed the round: their own contact's name, or our technician's name, never a login name
      model.put("closedByName", ClientRoundService.VIA_LINK.equals(r.closedVia()) ? r.closedBy() : staff.displayName(r.closedBy(), null));
    });
    model.put("errors", errors);
    model.put("entered", entered);
    model.put("done", done);
    model.put("fmt", new Formats(language, null));
    model.put("base", (purpose == Purpose.ACCEPTANCE ? "/acceptance/" : "/consent/") + token);
    model.put("language", language);
    model.put("provider", provider);
    model.put("providerLogo", provider.logoFile().isPresent());
    HttpStatus shown = status != null ? status : switch (view.state()) {
      case UNKNOWN -> HttpStatus.NOT_FOUND;
      case EXPIRED -> HttpStatus.GONE;
      default -> HttpStatus.OK;
    };
    String template = view.state() == ClientRoundService.State.OPEN
        ? (purpose == Purpose.ACCEPTANCE ? "client/acceptance" : "client/consent") : "client/closed";
    String html = templates.process(template, new Context(Locale.forLanguageTag(language), model));
    return ResponseEntity.status(shown).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
  }
}
