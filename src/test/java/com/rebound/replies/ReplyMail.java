package com.rebound.replies;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Properties;

/** A client's reply as its mail program writes it, for the mailbox tests: text, optionally an attachment and headers. */
final class ReplyMail {

  static final Session SESSION = Session.getInstance(new Properties());

  private ReplyMail() {
  }

  static MimeMessage of(String from, String name, String to, String subject, String text) throws Exception {
    MimeMessage message = new MimeMessage(SESSION);
    message.setFrom(new InternetAddress(from, name, "UTF-8"));
    message.setRecipients(Message.RecipientType.TO, to);
    message.setSubject(subject, "UTF-8");
    message.setText(text, "UTF-8");
    message.saveChanges();
    return message;
  }

  /** The same with a header set (In-Reply-To, Auto-Submitted...) or an attachment (null: none). */
  static MimeMessage with(MimeMessage reply, String header, String value, String fileName, byte[] file) throws Exception {
    if (header != null) {
      reply.setHeader(header, value);
      if ("In-Reply-To".equals(header)) {
        reply.setHeader("References", value);
      }
    }
    if (file != null) {
      String text = (String) reply.getContent();
      MimeMultipart parts = new MimeMultipart();
      MimeBodyPart body = new MimeBodyPart();
      body.setText(text, "UTF-8");
      parts.addBodyPart(body);
      MimeBodyPart attached = new MimeBodyPart();
      attached.setDataHandler(new DataHandler(new ByteArrayDataSource(file, "application/octet-stream")));
      attached.setFileName(fileName);
      attached.setDisposition(Part.ATTACHMENT);
      parts.addBodyPart(attached);
      reply.setContent(parts);
    }
    reply.saveChanges();
    return reply;
  }
}
