package com.rebound.notify;

/** Every message Rebound sends; the name is the template {@code templates/mail/<name>.html}. */
public enum MessageKind {
  caseOpened, objectivesAgreed, readyForTesting, acceptanceReminder, consentRequest, rtoWarning, rtoBreach,
  caseClosed, taskAssigned, highSeverityQueued
}
