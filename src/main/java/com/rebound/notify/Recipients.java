package com.rebound.notify;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/** Who receives what: the client's contacts (in the client's language), or the members of a group, or one user. */
@Component
class Recipients {

  /** The addresses, the language to write in, and the time zone to show times in (the client's; null for the default). */
  record Audience(List<String> addresses, String language, String timeZone) {

    Audience in(String zone) {
      return new Audience(addresses, language, zone);
    }
  }

  private final ClientService clients;
  private final IdentityService identity;
  private final String staffLanguage;

  Recipients(ClientService clients, IdentityService identity, com.rebound.settings.ReboundSettings settings) {
    this.clients = clients;
    this.identity = identity;
    this.staffLanguage = settings.staffLanguage();
  }

  /** The language of the provider's own staff ({@code rebound.staff-language}). */
  String staffLanguage() {
    return staffLanguage;
  }

  Optional<Client> client(String clientId) {
    return clientId == null ? Optional.empty() : clients.find(clientId);
  }

  Audience clientContacts(String clientId) {
    return client(clientId)
        .map(c -> new Audience(c.contacts().stream().map(Client.Contact::email).distinct().toList(), c.preferredLanguage(),
            c.businessHours().timeZone()))
        .orElse(new Audience(List.of(), staffLanguage, null));
  }

  Audience group(String groupId) {
    List<String> addresses = withoutAuthorization(() -> identity.createUserQuery().memberOfGroup(groupId).listPage(0, 500)).stream()
        .map(User::getEmail).filter(e -> e != null && !e.isBlank()).distinct().toList();
    return new Audience(addresses, staffLanguage, null);
  }

  Audience user(String userId) {
    User user = userId == null ? null : withoutAuthorization(() -> identity.createUserQuery().userId(userId).singleResult());
    return new Audience(user == null || user.getEmail() == null || user.getEmail().isBlank() ? List.of() : List.of(user.getEmail()),
        staffLanguage, null);
  }

  /**
   * Messages are addressed by the system, not by whoever completed the step: a technician who may not
   * read the user list still causes a message to the managers.
   */
  private static <T> T withoutAuthorization(Supplier<T> query) {
    CommandContext context = Context.getCommandContext();
    if (context == null || !context.isAuthorizationCheckEnabled()) {
      return query.get();
    }
    context.disableAuthorizationCheck();
    try {
      return query.get();
    } finally {
      context.enableAuthorizationCheck();
    }
  }
}
