package com.rebound.clients;

import java.util.Optional;

/** What the procedure needs to know of a client when a case opens. */
public interface ClientDirectory {

  /** The facts of an active client's profile that a case uses. */
  record ClientFacts(String name, String tier, long contractRtoHours, long contractRpoHours, long responseTimeMinutes,
      Client.BusinessHours businessHours, String language, java.util.Set<String> protections, Client.Legal legal) {
  }

  /** The active client's facts, or empty when there is no such client or it is deactivated. */
  Optional<ClientFacts> activeClient(String clientId);
}
