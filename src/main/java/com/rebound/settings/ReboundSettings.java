package com.rebound.settings;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rebound's settings ({@code rebound.*} in {@code application.yaml}, or environment variables such as
 * {@code REBOUND_MAIL_MAX_ATTEMPTS}), read once at start-up with their defaults here. The provider's identity is
 * {@code provider.Provider} ({@code rebound.provider.*}); schedules given to Spring as text ({@code rebound.mail.poll-interval},
 * {@code rebound.backup.cron}) are read where they are scheduled. Imports nothing of Rebound: every feature may read it.
 *
 * @param demoUsers the demo accounts admin/admin, tech/tech, manager/manager and the demo clients
 * @param publicUrl where clients and staff reach Rebound: the links in e-mails start with it
 * @param nodeName this node's name among several (the host's name when empty)
 * @param staffLanguage the language of what Rebound writes for the provider's own staff: mails, notes ({@code en} or {@code es})
 */
@ConfigurationProperties("rebound")
public record ReboundSettings(@DefaultValue("false") boolean demoUsers, String publicUrl, @DefaultValue("") String nodeName,
    @DefaultValue Mail mail, @DefaultValue ClientLinks clientLinks, @DefaultValue Clocks clocks, @DefaultValue Backup backup,
    @DefaultValue Meters meters, @DefaultValue Security security, @DefaultValue Alerts alerts, @DefaultValue Mailbox mailbox,
    @DefaultValue("en") String staffLanguage) {

  /** The staff's language is {@code es} or, whatever else was set, {@code en}. */
  public ReboundSettings {
    staffLanguage = "es".equals(staffLanguage) ? "es" : "en";
  }

  /**
   * The provider's support mailbox, read over IMAP for the clients' replies (off while {@code host} is empty).
   *
   * @param host the IMAP server
   * @param port its port (993 with {@code ssl}, 143 without)
   * @param ssl IMAP over TLS (imaps)
   * @param username the mailbox's login
   * @param password its password
   * @param folder the folder read (read only: Rebound moves and deletes nothing)
   * @param pollInterval how often it is read
   * @param maxAttachmentBytes an attachment above this is recorded by name and size, its content refused
   * @param maxTextChars the text kept of one message
   * @param pauseBeforeRecord a pause between reading a message and recording it (0; the durability test widens the
   *     window a crash must not lose or double a message in)
   * @param reportInFull whether the client's final report shows the e-mail conversation in full (else how many messages)
   */
  public record Mailbox(@DefaultValue("") String host, @DefaultValue("993") int port, @DefaultValue("true") boolean ssl,
      @DefaultValue("") String username, @DefaultValue("") String password, @DefaultValue("INBOX") String folder,
      @DefaultValue("PT1M") java.time.Duration pollInterval, @DefaultValue("10485760") long maxAttachmentBytes,
      @DefaultValue("20000") int maxTextChars, @DefaultValue("PT0S") java.time.Duration pauseBeforeRecord,
      @DefaultValue("false") boolean reportInFull) {

    public boolean on() {
      return host != null && !host.isBlank();
    }
  }

  /**
   * The outbox and staff alerts.
   *
   * @param from the sender of every mail
   * @param maxAttempts a message is marked FAILED after this many attempts
   * @param firstBackOff a failed message is retried after this long, doubling up to {@code maxBackOff}
   * @param claimLease a node claims due messages for this long before sending them
   * @param queueAlertSeverities a new technicians' step of a case of these severities mails every technician
   * @param unclaimedAlertAfter a step of such a case still unclaimed after this long alerts its candidate groups
   */
  public record Mail(String from, @DefaultValue("8") int maxAttempts, @DefaultValue("PT30S") Duration firstBackOff,
      @DefaultValue("PT1H") Duration maxBackOff, @DefaultValue("PT5M") Duration claimLease,
      @DefaultValue("SEV1,SEV2") String queueAlertSeverities, @DefaultValue("PT30M") Duration unclaimedAlertAfter) {
  }

  /**
   * @param validity how long an acceptance or consent link sent to the client stays usable
   * @param statusAfterClose how long the case's live page stays open to the client after the case closed
   * @param showTechnicianNames whether the live page names the technician working the case (else "our technician")
   */
  public record ClientLinks(@DefaultValue("P7D") Duration validity, @DefaultValue("P30D") Duration statusAfterClose,
      @DefaultValue("false") boolean showTechnicianNames) {
  }

  /** @param acceptanceReminderCycle how often the client is reminded while the acceptance test waits (ISO 8601 repetition) */
  public record Clocks(@DefaultValue("R/P1D") String acceptanceReminderCycle) {
  }

  /**
   * @param dir where backups are written
   * @param keep how many backups are kept
   */
  public record Backup(@DefaultValue("./backups") Path dir, @DefaultValue("14") int keep) {
  }

  /** @param refresh how often the case meters are read from the database */
  public record Meters(@DefaultValue("PT10S") Duration refresh) {
  }

  /**
   * @param maxRequestBytes the largest request body accepted
   * @param refusedLoginFloor a refused login never answers faster than this
   * @param loginCacheSeconds how long a checked password is remembered
   */
  public record Security(@DefaultValue("10485760") long maxRequestBytes, @DefaultValue("PT0.1S") Duration refusedLoginFloor,
      @DefaultValue("60") long loginCacheSeconds) {
  }

  /** @param maxRequestBytes the largest alert webhook body accepted */
  public record Alerts(@DefaultValue("1048576") long maxRequestBytes) {
  }
}
