package com.rebound.notify;

import com.rebound.settings.ReboundSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.rebound.cluster.NodeName;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox over SMTP (spring.mail.*), oldest first, after the steps that wrote the messages
 * have committed. A failed attempt is retried with exponential back-off; after
 * {@code rebound.mail.max-attempts} the message is FAILED, shown on the outbox page, and a manager may
 * retry it. With no SMTP server configured nothing is sent: the messages wait in the outbox.
 * Each message carries a stable Message-ID, so a resend after a crash between sending and recording it
 * can be recognised as the same message by mail servers and clients.
 * <p>Several nodes: the schedule runs on one node at a time (ShedLock), and each delivery claims its
 * messages in the database for {@code rebound.mail.claim-lease} first, so a message is sent by one
 * node only; the claims of a node that died run out and another node sends those messages.
 */
@Component
class OutboxDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final StaleMail staleMail;
  private final Outbox outbox;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final List<AttachmentRenderer> renderers;
  private final Clock clock;
  private final String from;
  private final int maxAttempts;
  private final Duration firstBackOff;
  private final Duration maxBackOff;
  private final Duration claimLease;
  private final String node;
  private final com.rebound.provider.Provider provider;
  private final List<MailThreading> threading;

  OutboxDispatcher(Outbox outbox, ObjectProvider<JavaMailSender> mailSender, List<AttachmentRenderer> renderers, Clock clock,
      ReboundSettings settings, NodeName node, com.rebound.provider.Provider provider, StaleMail staleMail, List<MailThreading> threading) {
    this.threading = threading;
    this.staleMail = staleMail;
    String from = settings.mail().from();
    int maxAttempts = settings.mail().maxAttempts();
    Duration firstBackOff = settings.mail().firstBackOff();
    Duration maxBackOff = settings.mail().maxBackOff();
    Duration claimLease = settings.mail().claimLease();
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.renderers = renderers;
    this.clock = clock;
    this.from = from;
    this.maxAttempts = maxAttempts;
    this.firstBackOff = firstBackOff;
    this.maxBackOff = maxBackOff;
    this.claimLease = claimLease;
    this.node = node.value();
    this.provider = provider;
  }

  /** The Message-ID of an outbox message: stable, so a resend is recognisably the same message and replies find their case. */
  static String messageId(long id, java.time.Instant createdAt) {
    return "<outbox-" + id + "." + createdAt.toEpochMilli() + "@rebound>";
  }

  /** True when an SMTP server is configured (spring.mail.host). */
  boolean deliveryConfigured() {
    return mailSender.getIfAvailable() != null;
  }

  @Scheduled(fixedDelayString = "${rebound.mail.poll-interval:PT5S}", initialDelayString = "${rebound.mail.poll-interval:PT5S}")
  @SchedulerLock(name = "outbox-dispatch", lockAtMostFor = "${rebound.mail.claim-lease:PT5M}")
  void deliverOnSchedule() {
    deliverDue();
  }

  /** Claims the due messages (at most 50) and sends them. */
  void deliverDue() {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      return;
    }
    String claimant = node + "/" + UUID.randomUUID();
    for (Outbox.Entry entry : outbox.claimDue(50, claimant, clock.instant().plus(claimLease))) {
      Optional<String> stale = staleMail.why(entry);
      if (stale.isPresent()) {
        outbox.discard(entry.id(), stale.get());
        LOG.info("Message {} ({} of {}) discarded, {}", entry.id(), entry.kind(), entry.caseNumber(), stale.get());
        continue;
      }
      try {
        sender.send(mime(sender, entry));
        outbox.markSent(entry.id());
      } catch (MessagingException | RuntimeException e) {
        int attempt = entry.attempts() + 1;
        boolean giveUp = attempt >= maxAttempts;
        Duration wait = backOff(attempt);
        outbox.markAttemptFailed(entry.id(), clock.instant().plus(wait), e.getClass().getSimpleName() + ": " + e.getMessage(), giveUp);
        LOG.warn("Message {} ({} of {}) not delivered, attempt {}{}: {}", entry.id(), entry.kind(), entry.caseNumber(), attempt,
            giveUp ? ", given up (FAILED, a manager may retry it)" : ", next in " + wait, e.getMessage());
      }
    }
  }

  Duration backOff(int attempt) {
    Duration wait = firstBackOff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
  }

  private MimeMessage mime(JavaMailSender sender, Outbox.Entry entry) throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    // plain text and HTML as alternatives, the provider's logo inline, the report attached
    MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
    helper.setFrom(from);
    helper.setTo(entry.recipients().toArray(String[]::new));
    helper.setSubject(entry.subject());
    helper.setText(PlainText.of(entry.body()), entry.body());
    if (entry.body().contains("cid:providerLogo")) {
      java.util.Optional<com.rebound.provider.Provider.Logo> logo = provider.logoFile();
      if (logo.isPresent()) {
        helper.addInline("providerLogo", new ByteArrayResource(logo.get().content()), logo.get().mediaType());
      }
    }
    if (entry.attachment() != null) {
      AttachmentRenderer.Attachment file = renderers.stream()
          .map(r -> r.render(entry.attachment(), entry.caseNumber(), entry.language()))
          .flatMap(java.util.Optional::stream).findFirst()
          .orElseThrow(() -> new IllegalStateException("nothing renders attachment '" + entry.attachment() + "'"));
      helper.addAttachment(file.fileName(), new ByteArrayResource(file.content()), file.contentType());
    }
    message.saveChanges();
    message.setHeader("Message-ID", messageId(entry.id(), entry.createdAt()));
    for (MailThreading thread : threading) {
      java.util.Optional<String> answered = thread.answers(entry.id());
      if (answered.isPresent()) {
        message.setHeader("In-Reply-To", answered.get());
        message.setHeader("References", answered.get());
      }
    }
    return message;
  }
}
