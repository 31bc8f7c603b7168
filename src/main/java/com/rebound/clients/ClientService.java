package com.rebound.clients;

import com.rebound.database.TransactionMemo;
import com.rebound.web.ApiProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deactivates client profiles, after checking every field. Never deletes one. */
@Service
public class ClientService implements ClientDirectory {

  private final ClientRepository clients;
  private final Validator validator;
  private final Clock clock;
  private final TransactionMemo read = new TransactionMemo("client profiles");

  ClientService(ClientRepository clients, Validator validator, Clock clock) {
    this.clients = clients;
    this.validator = validator;
    this.clock = clock;
  }

  /** The client, active or not (read once per transaction). */
  public Optional<Client> find(String id) {
    return read.get(id, () -> clients.find(id));
  }

  @Override
  public Optional<ClientFacts> activeClient(String clientId) {
    return find(clientId).filter(Client::active).map(c -> new ClientFacts(c.name(), c.criticalityTier(),
        c.rtoHours(), c.rpoHours(), c.responseTimeMinutes(), c.businessHours(), c.preferredLanguage(), c.protections(), c.legalOrNone()));
  }

  ClientRepository.Page list(String search, Boolean active, int page, int size) {
    return clients.list(search, active, page, size);
  }

  @Transactional
  public Client create(Client client) {
    read.forget();
    check(client);
    if (clients.exists(client.id())) {
      throw ApiProblem.conflict("A client with id '" + client.id() + "' already exists.");
    }
    clients.insert(client, clock.instant());
    return clients.find(client.id()).orElseThrow();
  }

  @Transactional
  public Client update(String id, Client client) {
    read.forget();
    if (!id.equals(client.id())) {
      throw ApiProblem.invalid(List.of(new ApiProblem.FieldProblem("id", "must be '" + id + "', the client in the address")));
    }
    check(client);
    Client stored = clients.find(id).orElseThrow(() -> ApiProblem.notFound("No client '" + id + "'."));
    int expected = client.version() == null ? stored.version() : client.version();
    if (!clients.update(client, expected, clock.instant())) {
      throw ApiProblem.conflict("Client '" + id + "' was changed by someone else (version " + stored.version()
          + "); reload it and apply your change again.");
    }
    return clients.find(id).orElseThrow();
  }

  @Transactional
  public Client setActive(String id, boolean active) {
    read.forget();
    clients.find(id).orElseThrow(() -> ApiProblem.notFound("No client '" + id + "'."));
    clients.setActive(id, active, clock.instant());
    return clients.find(id).orElseThrow();
  }

  private void check(Client client) {
    List<ApiProblem.FieldProblem> problems = new ArrayList<>();
    for (ConstraintViolation<Client> violation : validator.validate(client)) {
      problems.add(new ApiProblem.FieldProblem(
          violation.getPropertyPath().toString().replaceAll("<[^>]*>", "").replaceAll("\\[]\\.?$", ""), violation.getMessage()));
    }
    if (client.contacts() != null && !client.contacts().isEmpty()
        && client.contacts().stream().filter(c -> c != null && c.agreesObjectives()).count() != 1) {
      problems.add(new ApiProblem.FieldProblem("contacts", "exactly one contact must be the person who agrees the objectives"));
    }
    Client.BusinessHours hours = client.businessHours();
    if (hours != null && hours.timeZone() != null && !hours.timeZone().isBlank()) {
      try {
        ZoneId.of(hours.timeZone());
      } catch (DateTimeException e) {
        problems.add(new ApiProblem.FieldProblem("businessHours.timeZone", "is not a time zone; use one like Europe/Madrid"));
      }
    }
    if (hours != null && hours.publicHolidays() != null && !hours.publicHolidays().isBlank()
        && PublicHolidays.of(hours.publicHolidays().trim()).isEmpty()) {
      problems.add(new ApiProblem.FieldProblem("businessHours.publicHolidays",
          "is not a country or region with known public holidays; use one like ES, or ES-MD for Spain and the Community of Madrid"));
    }
    if (hours != null && hours.start() != null && hours.end() != null
        && hours.start().matches("\\d\\d:\\d\\d") && hours.end().matches("\\d\\d:\\d\\d")
        && !LocalTime.parse(hours.start()).isBefore(LocalTime.parse(hours.end()))) {
      problems.add(new ApiProblem.FieldProblem("businessHours.end", "must be later than businessHours.start"));
    }
    checkLegal(client.legal(), problems);
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(ApiProblem.FieldProblem::field));
      throw ApiProblem.invalid(problems);
    }
  }

  /**
   * What the legal clocks need to run: someone to send the processor's notices to; NIS2's authority. Without an agreed processor
   * deadline the decision table's default applies.
   */
  private static void checkLegal(Client.Legal legal, List<ApiProblem.FieldProblem> problems) {
    if (legal == null) {
      return;
    }
    if (legal.processesPersonalData() && (legal.privacyContactEmail() == null || legal.privacyContactEmail().isBlank())) {
      problems.add(new ApiProblem.FieldProblem("legal.privacyContactEmail",
          "is required when the provider processes personal data for the client: the breach notices go there"));
    }
    if (!"none".equals(legal.nis2OrNone()) && (legal.nis2Authority() == null || legal.nis2Authority().isBlank())) {
      problems.add(new ApiProblem.FieldProblem("legal.nis2Authority",
          "is required when NIS2 applies: the competent authority or CSIRT the client notifies (e.g. INCIBE-CERT)"));
    }
  }
}
