package com.rebound.enginerest;

/** The one answer to whoever comes second to a step someone else just answered (the client through their link, another technician). */
final class TaskGone {

  static final String TYPE = "TaskGone";

  private TaskGone() {
  }

  /** What the late caller reads: the step is gone, nothing of their request was kept. */
  static String message(String taskId) {
    return "Task " + taskId.replaceAll("[^A-Za-z0-9-]", "") + " was answered already (for example by the client through their "
        + "link) or is no longer needed. Nothing of your request was kept. Reload your tasks.";
  }
}
