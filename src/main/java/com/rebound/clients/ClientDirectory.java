package com.rebound.clients;

import java.util.Optional;

/** What the procedure needs to know of a client when a case opens: is it an active client, and its name. */
public interface ClientDirectory {

  /** The active client's name, or empty when there is no such client or it is deactivated. */
  Optional<String> activeClientName(String clientId);
}
