package com.rebound.tasklist;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters' words in a reader's language: a filter's name and description ({@code tasklist.filter.<its
 * name in lower case, words joined by ->} and {@code ….description}) and its columns' labels ({@code tasklist.column.<the
 * variable>}) in messages/rebound_<language>.properties, else the words saved with the filter. English reads the saved
 * words, so a filter a manager creates or renames in Tasklist reads as he wrote it.
 */
@Component
public class TasklistWords {

  private final MessageSource messages;

  public TasklistWords(MessageSource messages) {
    this.messages = messages;
  }

  public String filterName(String name, Locale reader) {
    return translated("tasklist.filter." + slug(name), name, reader);
  }

  public String filterDescription(String filterName, String description, Locale reader) {
    return translated("tasklist.filter." + slug(filterName) + ".description", description, reader);
  }

  public String column(String variable, String label, Locale reader) {
    return translated("tasklist.column." + variable, label, reader);
  }

  private String translated(String key, String saved, Locale reader) {
    if (saved == null || reader == null || reader.getLanguage().isEmpty() || reader.getLanguage().equals("en")) {
      return saved;
    }
    return messages.getMessage(key, null, saved, reader);
  }

  /** "Technicians' queue" as technicians-queue. */
  static String slug(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
