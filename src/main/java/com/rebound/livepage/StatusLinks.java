package com.rebound.livepage;

import com.rebound.acceptance.ClientLinks;
import com.rebound.acceptance.Purpose;

import com.rebound.notify.ClientStatusLinks;
import com.rebound.notify.Notifications;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every message to a client carries a link to its case's live page: a token of its own (only its hash is kept), valid while
 * the case runs and {@code rebound.client-links.status-after-close} after it closed, until a manager revokes the case's
 * links. A new link per message: the page needs no account and nothing to remember.
 */
@Component
class StatusLinks implements ClientStatusLinks {

  private final JdbcTemplate jdbc;
  private final ClientLinks links;
  private final ObjectProvider<Notifications> notifications;
  private final java.time.Clock clock;

  StatusLinks(JdbcTemplate jdbc, ClientLinks links, ObjectProvider<Notifications> notifications, java.time.Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.links = links;
    this.notifications = notifications;
  }

  @Override
  public Optional<String> statusUrl(String caseNumber, String language) {
    List<String> instance = jdbc.queryForList("SELECT process_instance_id FROM rebound_case WHERE case_number = ?", String.class,
        caseNumber);
    if (instance.isEmpty()) {
      return Optional.empty();
    }
    ClientLinks.Issued issued = links.issueLasting(Purpose.STATUS, instance.get(0), caseNumber, language);
    return Optional.of(notifications.getObject().publicUrl() + "/status/" + issued.token());
  }

  /** A manager revokes every live-page link of a case (the next message to the client carries a new one). */
  int revoke(String caseNumber) {
    java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
    return jdbc.update("UPDATE rebound_client_link SET expires_at = ? WHERE case_number = ? AND purpose = 'STATUS' AND expires_at > ?",
        now, caseNumber, now);
  }
}
