package com.rebound.acceptance;

/** What a client link is for. */
public enum Purpose {
  /** The client's users test the recovery (task clientAcceptance). */
  ACCEPTANCE,
  /** The client consents to a restoration, or refuses (task clientConsent). */
  CONSENT,
  /** The client follows the case on its live page (every mail to the client carries one). */
  STATUS
}
