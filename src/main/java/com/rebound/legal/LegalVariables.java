package com.rebound.legal;

import java.util.List;

/**
 * The contract of process {@code legalObligation} (bpmn/legal-obligation.bpmn): one instance per obligation of a case,
 * business key the obligation's id (DR-2026-0042-gdpr-authority). The case's caseNumber, clientId, clientName and summary
 * are copied in too, so Tasklist shows them.
 */
public final class LegalVariables {

  public static final String PROCESS_KEY = com.rebound.procedure.ProcedureVariables.LEGAL_OBLIGATION_PROCESS;
  /** The decision that turns a client's regimes and a case's facts into obligations (bpmn/legal-obligations.dmn). */
  public static final String DECISION_KEY = "legalObligations";
  public static final String REVIEW_NOTICE = "reviewNotice";
  public static final String CONFIRM = "confirmObligation";
  /** The reminder service tasks' local input: reminder or deadline. */
  public static final String MAIL = "mail";

  public static final String OBLIGATION_ID = "obligationId";
  public static final String CODE = "obligationCode";
  public static final String TITLE = "obligationTitle";
  public static final String REGIME = "regime";
  public static final String DUTY = "duty";
  public static final String AUTHORITY = "authority";
  /** client or provider, and as people read it. */
  public static final String RESPONSIBLE = "responsible";
  public static final String RESPONSIBLE_TEXT = "responsibleText";
  public static final String DEADLINE_HOURS = "deadlineHours";
  /** The moment the deadline counts from, the deadline, and the deadline as the client's people read it. */
  public static final String COUNTED_FROM = "countedFrom";
  public static final String DUE_AT = "dueAt";
  public static final String DUE_AT_TEXT = "dueAtText";
  /** send (Rebound sends the provider's notice after review) or confirm (filed outside Rebound). */
  public static final String HOW = "how";
  public static final String DRAFT = "draft";
  public static final String PRIVACY_CONTACT = "privacyContact";
  public static final String PRIVACY_CONTACT_EMAIL = "privacyContactEmail";

  /** Set by the confirmation step. */
  public static final String OUTCOME = "obligationOutcome";
  public static final String FILED_AT = "filedAt";
  public static final String REFERENCE = "filingReference";
  public static final String FILED_BY = "filedBy";
  public static final String NOTE = "obligationNote";

  /** The draft of GDPR art. 33(3), prefilled from the case and corrected in the review step. */
  public static final String DRAFT_NATURE = "draftNature";
  public static final String DRAFT_CATEGORIES = "draftCategories";
  public static final String DRAFT_PEOPLE = "draftPeople";
  public static final String DRAFT_RECORDS = "draftRecords";
  public static final String DRAFT_CONTACT = "draftContact";
  public static final String DRAFT_CONSEQUENCES = "draftConsequences";
  public static final String DRAFT_MEASURES = "draftMeasures";
  public static final List<String> DRAFT_FIELDS = List.of(DRAFT_NATURE, DRAFT_CATEGORIES, DRAFT_PEOPLE, DRAFT_RECORDS, DRAFT_CONTACT,
      DRAFT_CONSEQUENCES, DRAFT_MEASURES);

  private LegalVariables() {
  }

  /** The id of a case's obligation: DR-2026-0042-gdpr-authority. */
  public static String obligationId(String caseNumber, String code) {
    return caseNumber + "-" + code;
  }
}
