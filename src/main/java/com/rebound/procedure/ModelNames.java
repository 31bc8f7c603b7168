package com.rebound.procedure;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The model's names in a reader's language, the one rule for every place that names a step or a process (Tasklist's lists
 * and tasks, the console's case pages, the client's report): {@code step.<step id>} and {@code process.<process id>} in
 * messages/rebound_<language>.properties, else the model's name. English is the model's own words, so a step a manager
 * renames or adds in Modeler reads as he wrote it.
 */
@Component
public class ModelNames {

  private final MessageSource messages;

  public ModelNames(MessageSource messages) {
    this.messages = messages;
  }

  /** The step's name for a reader of that language; the model's name when there is no translation. */
  public String step(String stepId, String modelName, Locale reader) {
    return translated("step.", stepId, modelName, reader);
  }

  /** The process's name (the procedure, a runbook, an action item…) for a reader of that language. */
  public String process(String processId, String modelName, Locale reader) {
    return translated("process.", processId, modelName, reader);
  }

  private String translated(String kind, String id, String modelName, Locale reader) {
    if (id == null || reader == null || reader.getLanguage().isEmpty() || reader.getLanguage().equals("en")) {
      return modelName;
    }
    return messages.getMessage(kind + id, null, modelName, reader);
  }
}
