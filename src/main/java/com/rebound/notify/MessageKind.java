package com.rebound.notify;

/** Every message Rebound sends; the name is the template {@code templates/mail/<name>.html}. */
public enum MessageKind {
  caseOpened, objectivesAgreed, readyForTesting, acceptanceReminder, consentRequest, rtoWarning, rtoBreach,
  caseClosed, caseDismissed, taskAssigned, highSeverityQueued, stepUnclaimed, alertResolved,
  /** A ransomware case's runbook checks the backups before any restore: the client is told why the restore waits. */
  restorePointCheck,
  /** The restore point proven clean is older than the agreed RPO: the client is told the data loss it means. */
  restorePointOlderThanRpo,
  /** An action item of a review to its owner: given, due tomorrow, overdue (signed for staff or for the client's contact). */
  actionItemAssigned, actionItemDueSoon, actionItemOverdue,
  /** The provider's notice of a personal-data breach to its client's privacy contact, with the draft of GDPR art. 33(3). */
  legalProcessorNotice,
  /** A legal deadline half or three quarters gone: to whoever files it (the client's privacy contact, or the provider's staff). */
  legalReminder,
  /** A legal deadline passed before it was filed: to the managers. */
  legalDeadlinePassed,
  /** A client's e-mail reply came into its case: once, to whoever holds the case's step. */
  clientReplied,
  /** A staff's answer to the client from the case page, threaded to the client's reply. */
  clientMessage;

  /** Messages to the provider's own staff: signed by Rebound, not by "your IT service provider". */
  public boolean toStaff() {
    return this == rtoWarning || this == rtoBreach || this == taskAssigned || this == highSeverityQueued
        || this == stepUnclaimed || this == alertResolved || this == legalDeadlinePassed || this == clientReplied;
  }
}
