package com.rebound.procedure;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A step's name in a reader's language, the one rule for every place that names a step (Tasklist's lists and tasks, the
 * console's case pages, the client's report): {@code step.<step id>} in messages/rebound_<language>.properties, else the
 * model's name. English is the model's own words, so a step a manager renames or adds in Modeler reads as he wrote it.
 */
@Component
public class StepNames {

  private final MessageSource messages;

  public StepNames(MessageSource messages) {
    this.messages = messages;
  }

  /** The step's name for a reader of that language; the model's name when there is no translation. */
  public String of(String stepId, String modelName, Locale reader) {
    if (stepId == null || reader == null || reader.getLanguage().isEmpty() || reader.getLanguage().equals("en")) {
      return modelName;
    }
    return messages.getMessage("step." + stepId, null, modelName, reader);
  }
}
