package com.rebound.acceptance;

import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) on a fixed free port, so that it can be stopped and started again during a test; the same
 * GreenMail serves the provider's support mailbox over IMAP ({@link #SUPPORT}), which Rebound reads for the clients' replies.
 */
public final class MailRoom {

  /** The provider's support mailbox: its address, login and password. */
  public static final String SUPPORT = "support@sistemas-ejemplo.example";
  public static final String SUPPORT_PASSWORD = "support-secret";

  public final int port = freePort();
  public final int imapPort = freePort();
  public final GreenMail smtp = new GreenMail(new ServerSetup[] {new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
      new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});

  public MailRoom() {
    smtp.start();
  }

  /** Points the application's SMTP settings at this server. */
  public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
    // the support mailbox, read when a test asks (the schedule's first round is an hour away)
    registry.add("rebound.mailbox.host", () -> "127.0.0.1");
    registry.add("rebound.mailbox.port", () -> imapPort);
    registry.add("rebound.mailbox.ssl", () -> false);
    registry.add("rebound.mailbox.username", () -> SUPPORT);
    registry.add("rebound.mailbox.password", () -> SUPPORT_PASSWORD);
    registry.add("rebound.mailbox.poll-interval", () -> "PT1H");
  }

  /** Puts a message into the support mailbox, as the client's mail server would. */
  public void deliverToSupport(MimeMessage message) {
    com.icegreen.greenmail.user.GreenMailUser user = smtp.getUserManager().getUserByEmail(SUPPORT);
    if (user == null) {
      user = smtp.setUser(SUPPORT, SUPPORT, SUPPORT_PASSWORD);
    }
    user.deliver(message);
  }

  /** Every message received, once (GreenMail keeps a copy per recipient). */
  public List<MimeMessage> all() {
    java.util.Map<String, MimeMessage> unique = new java.util.LinkedHashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        unique.putIfAbsent(message.getMessageID(), message);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(unique.values());
  }

  /** Waits until a message matching the test has arrived, and returns it. */
  public MimeMessage await(String what, Predicate<MimeMessage> test) {
    try {
      return Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
          .until(() -> all().stream().filter(test).findFirst(), Optional::isPresent).orElseThrow();
    } catch (ConditionTimeoutException notArrived) {
      throw new AssertionError("no message " + what + " arrived; received: " + all().stream().map(MailRoom::subject).toList());
    }
  }

  /** Deliveries, counting a message sent twice with the same Message-ID twice (one recipient per client here). */
  long rawCount(Predicate<MimeMessage> test) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(test).count();
  }

  public long count(Predicate<MimeMessage> test) {
    return all().stream().filter(test).count();
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> to(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(MimeMessage message) {
    return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
  }

  /** The HTML part of the message as text. */
  public static String html(MimeMessage message) {
    try {
      Object content = message.getContent();
      if (content instanceof String text) {
        return text;
      }
      Multipart multipart = (Multipart) content;
      for (int i = 0; i < multipart.getCount(); i++) {
        String html = htmlOf(multipart.getBodyPart(i));
        if (html != null) {
          return html;
        }
      }
      throw new AssertionError("no HTML part");
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain-text alternative of the message, which must sit beside the HTML in a multipart/alternative. */
  public static String plainAlternative(MimeMessage message) {
    try {
      String found = alternativeText(message.getContent());
      if (found == null) {
        throw new AssertionError("no multipart/alternative with a text/plain part");
      }
      return found;
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String alternativeText(Object content) throws MessagingException, IOException {
    if (!(content instanceof Multipart multipart)) {
      return null;
    }
    boolean alternative = multipart.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/alternative");
    boolean html = false;
    String text = null;
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        text = (String) part.getContent();
      } else if (part.isMimeType("text/html")) {
        html = true;
      } else if (part.getContent() instanceof Multipart) {
        String inner = alternativeText(part.getContent());
        if (inner != null) {
          return inner;
        }
      }
    }
    return alternative && html ? text : null;
  }

  private static String htmlOf(BodyPart part) throws MessagingException, IOException {
    if (part.getContent() instanceof Multipart inner) {
      for (int i = 0; i < inner.getCount(); i++) {
        String html = htmlOf(inner.getBodyPart(i));
        if (html != null) {
          return html;
        }
      }
      return null;
    }
    return part.isMimeType("text/html") ? (String) part.getContent() : null;
  }

  /** The attachment's bytes, by file name ending. */
  public static byte[] attachment(MimeMessage message, String nameEnding) {
    try {
      Multipart multipart = (Multipart) message.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.getFileName() != null && part.getFileName().endsWith(nameEnding)) {
          try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
          }
        }
      }
      throw new AssertionError("no attachment *" + nameEnding);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
