package com.rebound.replies;

import com.rebound.settings.ReboundSettings;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.util.List;
import java.util.Properties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the provider's support mailbox over IMAP every {@code rebound.mailbox.poll-interval} (one node at a time: ShedLock),
 * read only, from the UID after the last one recorded: each message is recorded with the folder's new position in one
 * transaction ({@link ClientReplies#record}), so a crash between reading and recording reads it again, and its unique
 * Message-ID keeps it once. A message that cannot be read whole is recorded as far as it can be; a database failure stops
 * the round (the next one starts from the last message recorded). A node that dies holding the lock leaves the mailbox
 * unread for {@code rebound.mailbox.lock-at-most-for} (5 minutes) at most. Off while {@code rebound.mailbox.host} is empty.
 */
@Component
class MailboxPoller {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  private final ReboundSettings.Mailbox settings;
  private final ClientReplies replies;

  MailboxPoller(ReboundSettings settings, ClientReplies replies) {
    this.settings = settings.mailbox();
    this.replies = replies;
  }

  @Scheduled(fixedDelayString = "${rebound.mailbox.poll-interval:PT1M}", initialDelayString = "${rebound.mailbox.poll-interval:PT1M}")
  @SchedulerLock(name = "mailbox-poll", lockAtMostFor = "${rebound.mailbox.lock-at-most-for:PT5M}")
  void scheduled() {
    if (settings.on()) {
      try {
        poll();
      } catch (Exception e) {
        LOG.warn("The support mailbox {}@{} could not be read ({}); trying again in {}", settings.username(), settings.host(),
            e.getMessage(), settings.pollInterval());
      }
    }
  }

  /** One round: the new messages recorded; how many were new. */
  int poll() throws Exception {
    String protocol = settings.ssl() ? "imaps" : "imap";
    Properties properties = new Properties();
    properties.put("mail.store.protocol", protocol);
    properties.put("mail." + protocol + ".connectiontimeout", "20000");
    properties.put("mail." + protocol + ".timeout", "60000");
    properties.put("mail." + protocol + ".partialfetch", "false");
    Session session = Session.getInstance(properties);
    int recorded = 0;
    try (Store store = session.getStore(protocol)) {
      store.connect(settings.host(), settings.port(), settings.username(), settings.password());
      Folder folder = store.getFolder(settings.folder());
      folder.open(Folder.READ_ONLY);
      try {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        long last = replies.lastUid(settings.folder(), validity);
        Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.MAXUID);
        for (Message message : List.of(messages)) {
          long uid = uids.getUID(message);
          if (uid <= last) {
            continue;   // IMAP answers the last message for an empty range
          }
          IncomingMail mail = read(message, uid);
          LOG.info("Support mailbox: read message UID {} of {} ({}), recording it", uid, settings.folder(), mail.messageId());
          if (!settings.pauseBeforeRecord().isZero()) {
            Thread.sleep(settings.pauseBeforeRecord().toMillis());
          }
          try {
            if (replies.record(mail, settings.folder(), validity, uid)) {
              recorded++;
            }
          } catch (org.springframework.dao.DuplicateKeyException recordedByAnotherNode) {
            // a node whose lock had expired recorded it in the meantime: once it is
          }
        }
      } finally {
        folder.close(false);
      }
    }
    return recorded;
  }

  private IncomingMail read(Message message, long uid) {
    try {
      return IncomingMail.read(message, settings.maxAttachmentBytes(), settings.maxTextChars());
    } catch (RuntimeException unreadable) {
      LOG.warn("Message UID {} of the support mailbox could not be read: {}", uid, unreadable.toString());
      return new IncomingMail(null, List.of(), null, null, null, "", null, false, List.of(),
          List.of("unreadable: " + unreadable.getClass().getSimpleName()));
    }
  }
}
