package com.rebound.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MSP running Rebound, configured once ({@code rebound.provider.*}): its name, address, phone, mail,
 * website, logo file and mail signature, as clients read them on their pages, in e-mails and on the PDF
 * report. Without a name, clients read "your IT service provider".
 */
@ConfigurationProperties("rebound.provider")
public record Provider(String name, String address, String phone, String email, String website, String logo, String signature) {

  /** A logo as it is sent and embedded: its bytes and media type. */
  public record Logo(byte[] content, String mediaType) {

    public String dataUri() {
      return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(content);
    }
  }

  public boolean named() {
    return name != null && !name.isBlank();
  }

  /** The logo file's content, if one is configured and readable. */
  public Optional<Logo> logoFile() {
    if (logo == null || logo.isBlank()) {
      return Optional.empty();
    }
    Path file = Path.of(logo.trim());
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String type = lower.endsWith(".png") ? "image/png" : lower.endsWith(".svg") ? "image/svg+xml"
        : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg" : null;
    try {
      return type == null || !Files.isRegularFile(file) ? Optional.empty() : Optional.of(new Logo(Files.readAllBytes(file), type));
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }
}
