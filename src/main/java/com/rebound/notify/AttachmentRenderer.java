package com.rebound.notify;

import java.util.Optional;

/** Renders what a message names as its attachment ({@code finalReport}) when the message is sent. */
public interface AttachmentRenderer {

  /** A file to attach. */
  record Attachment(String fileName, String contentType, byte[] content) {
  }

  /** The attachment of that name for the case, in the language, or empty if this renderer does not make it. */
  Optional<Attachment> render(String attachment, String caseNumber, String language);
}
