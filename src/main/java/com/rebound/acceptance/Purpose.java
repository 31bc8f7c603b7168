package com.rebound.acceptance;

/** What a client link is for. */
enum Purpose {
  /** The client's users test the recovery (task clientAcceptance). */
  ACCEPTANCE,
  /** The client consents to a restoration, or refuses (task clientConsent). */
  CONSENT
}
