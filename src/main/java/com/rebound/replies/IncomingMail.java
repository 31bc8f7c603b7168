package com.rebound.replies;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A message read from the support mailbox, as far as it is readable: sender, subject, Message-ID and the ids it answers,
 * the new text (the quoted history cut), the attachments (content refused above the size limit), whether it is an
 * automatic reply. Malformed MIME never throws: what cannot be read is left out and said in {@code problems}.
 */
record IncomingMail(String messageId, List<String> answers, String fromAddress, String fromName, String subject, String text,
    Instant sentAt, boolean automatic, List<Attachment> attachments, List<String> problems) {

  /** An attachment: its content, or none with the reason it was refused. */
  record Attachment(String fileName, String contentType, long size, byte[] content, String refused) {
  }

  private static final Pattern QUOTE_HEADER = Pattern.compile(
      "^(On .{3,200} wrote:|El .{3,200} escribió:|-{2,} ?(Original Message|Mensaje original) ?-{2,}|From: .*|De: .*)\\s*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern AUTO_SUBJECT = Pattern.compile(
      "^(auto(matic)?[ -]?reply|out of (the )?office|respuesta autom[aá]tica|fuera de la oficina|ausencia|autoreply)\\b.*",
      Pattern.CASE_INSENSITIVE);

  static IncomingMail read(Message message, long maxAttachmentBytes, int maxTextChars) {
    List<String> problems = new ArrayList<>();
    String messageId = header(message, "Message-ID", problems);
    List<String> answers = new ArrayList<>();
    for (String name : List.of("In-Reply-To", "References")) {
      String value = header(message, name, problems);
      if (value != null) {
        for (String id : value.split("\\s+")) {
          if (id.startsWith("<") && id.endsWith(">")) {
            answers.add(id);
          }
        }
      }
    }
    String fromAddress = null;
    String fromName = null;
    try {
      Address[] from = message.getFrom();
      if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
        fromAddress = address.getAddress() == null ? null : address.getAddress().toLowerCase(Locale.ROOT);
        fromName = address.getPersonal();
      }
    } catch (Exception e) {
      problems.add("sender unreadable: " + e.getMessage());
    }
    String subject = null;
    try {
      subject = message.getSubject();
    } catch (Exception e) {
      problems.add("subject unreadable: " + e.getMessage());
    }
    Instant sentAt = null;
    try {
      sentAt = message.getSentDate() == null ? null : message.getSentDate().toInstant();
    } catch (Exception e) {
      problems.add("date unreadable");
    }
    String autoSubmitted = header(message, "Auto-Submitted", problems);
    String precedence = header(message, "Precedence", problems);
    boolean automatic = (autoSubmitted != null && !autoSubmitted.trim().equalsIgnoreCase("no"))
        || (precedence != null && precedence.trim().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply"))
        || header(message, "X-Autoreply", problems) != null || header(message, "X-Autorespond", problems) != null
        || (subject != null && AUTO_SUBJECT.matcher(subject.trim()).matches());
    StringBuilder plain = new StringBuilder();
    StringBuilder html = new StringBuilder();
    List<Attachment> attachments = new ArrayList<>();
    walk(message, plain, html, attachments, maxAttachmentBytes, problems, 0);
    String text = plain.length() > 0 ? plain.toString() : html.toString().replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n").replaceAll("<[^>]+>", "").replace("&nbsp;", " ").replace("&amp;", "&")
        .replace("&lt;", "<").replace("&gt;", ">");
    text = withoutQuotedHistory(text);
    if (text.length() > maxTextChars) {
      text = text.substring(0, maxTextChars) + "\n[…]";
    }
    return new IncomingMail(messageId == null ? null : messageId.trim(), answers, fromAddress, fromName, subject, text, sentAt,
        automatic, attachments, problems);
  }

  private static void walk(Part part, StringBuilder plain, StringBuilder html, List<Attachment> attachments, long max,
      List<String> problems, int depth) {
    if (depth > 10) {
      problems.add("parts nested too deep");
      return;
    }
    try {
      String disposition = part.getDisposition();
      String fileName = part.getFileName();
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          walk(child, plain, html, attachments, max, problems, depth + 1);
        }
      } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null) {
        attachments.add(attachment(part, fileName, max));
      } else if (part.isMimeType("text/plain") && plain.length() == 0) {
        plain.append(String.valueOf(part.getContent()));
      } else if (part.isMimeType("text/html") && html.length() == 0) {
        html.append(String.valueOf(part.getContent()));
      } else if (part.isMimeType("message/rfc822")) {
        attachments.add(attachment(part, "message.eml", max));
      }
    } catch (Exception unreadable) {
      problems.add("a part could not be read: " + unreadable.getClass().getSimpleName()
          + (unreadable.getMessage() == null ? "" : " " + unreadable.getMessage()));
    }
  }

  private static Attachment attachment(Part part, String fileName, long max) throws Exception {
    String name = fileName == null ? "attachment" : decode(fileName);
    String type = part.getContentType() == null ? null : part.getContentType().split(";")[0].trim();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long size = 0;
    boolean tooBig = false;
    try (InputStream in = part.getInputStream()) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
        if (size > max) {
          tooBig = true;
        } else {
          out.write(buffer, 0, n);
        }
      }
    }
    return tooBig ? new Attachment(name, type, size, null, "larger than the limit of " + max + " bytes: not kept")
        : new Attachment(name, type, size, out.toByteArray(), null);
  }

  private static String decode(String text) {
    try {
      return MimeUtility.decodeText(text);
    } catch (IOException e) {
      return text;
    }
  }

  private static String header(Message message, String name, List<String> problems) {
    try {
      String[] values = message.getHeader(name);
      return values == null || values.length == 0 ? null : values[0];
    } catch (Exception e) {
      problems.add(name + " unreadable");
      return null;
    }
  }

  /** The text before the quoted history: "> " lines and what follows "On ... wrote:" (or its Spanish form) are cut. */
  static String withoutQuotedHistory(String text) {
    List<String> kept = new ArrayList<>();
    for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
      if (QUOTE_HEADER.matcher(line.trim()).matches() && !kept.isEmpty()) {
        break;
      }
      if (!line.startsWith(">")) {
        kept.add(line);
      }
    }
    return String.join("\n", kept).strip();
  }
}
