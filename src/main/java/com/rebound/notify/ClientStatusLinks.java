package com.rebound.notify;

import java.util.Optional;

/**
 * The address of a case's live page for its client (package acceptance), put in every message to the client
 * ({@code statusUrl} in the mail's frame); empty when the case has none (not a case of the procedure).
 */
public interface ClientStatusLinks {

  Optional<String> statusUrl(String caseNumber, String language);
}
