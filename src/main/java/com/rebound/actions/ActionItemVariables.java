package com.rebound.actions;

/**
 * The contract of process {@code actionItem} (bpmn/action-item.bpmn): one instance per action item of a
 * post-incident review, business key the item's id (DR-2026-0042-A1). The case's caseNumber, clientId
 * and clientName are copied in too, so Tasklist shows them on the card.
 */
public final class ActionItemVariables {

  public static final String PROCESS_KEY = "actionItem";
  /** The user task of an item, and the mail service tasks' local input naming which message. */
  public static final String TASK = "doActionItem";
  public static final String MAIL = "mail";

  public static final String ITEM_ID = "actionItemId";
  public static final String WHAT = "what";
  /** The owner's name as shown; ownerUser is the Rebound user who owns it, or ownerEmail the client's contact. */
  public static final String OWNER = "owner";
  public static final String OWNER_USER = "ownerUser";
  public static final String OWNER_EMAIL = "ownerEmail";
  /** The due day (yyyy-MM-dd) and the time zone its clock runs in (the client's). */
  public static final String DUE_DATE = "dueDate";
  public static final String TIME_ZONE = "timeZone";
  /** Set by the owner's form: done or dropped, and why it was dropped. */
  public static final String OUTCOME = "itemOutcome";
  public static final String DROP_REASON = "dropReason";
  /** What was done, said when closing an item as done (optional). */
  public static final String DONE_NOTE = "doneNote";

  private ActionItemVariables() {
  }

  /** The id of a review's item (from 1): DR-2026-0001-A1. */
  public static String reviewItemId(String caseNumber, int position) {
    return caseNumber + "-A" + position;
  }

  /** The id of the follow-up of a prevention offer the client is still considering: DR-2026-0001-P. */
  public static String preventionFollowUpId(String caseNumber) {
    return caseNumber + "-P";
  }

  /** An SQL LIKE pattern of a case's review items (the review's part of the client's report; not the provider's follow-ups). */
  public static String reviewItemsLike(String caseNumber) {
    return caseNumber + "-A%";
  }
}
