package com.rebound.web;

import org.springframework.core.Ordered;

/**
 * The order of Rebound's servlet filters, in one place and without ties: the first runs first on the way in.
 * Spring Session's filter (the webapps' login kept in the database) is told its place in {@code application.yaml}
 * ({@code spring.session.servlet.filter-order}, the value of {@link #SESSION}); a test checks that it matches. Spring
 * Boot's own filters (its HTTP observation at {@code HIGHEST_PRECEDENCE + 1}) and Camunda's webapp filters keep their
 * places.
 */
public final class FilterOrder {

  /** Odd paths (encoded slashes, dot segments, matrix parameters) are refused before anything reads them. */
  public static final int PATH_FIREWALL = Ordered.HIGHEST_PRECEDENCE;
  /** Too large a body is refused before it is read. */
  public static final int REQUEST_SIZE = PATH_FIREWALL + 1;
  /** The webapps' login session, read from the database. */
  public static final int SESSION = REQUEST_SIZE + 1;
  /** The security headers of every answer. */
  public static final int SECURITY_HEADERS = SESSION + 1;
  /** One answer to a case at a time: a task's completion runs in one transaction holding the case's lock. */
  public static final int CASE_LOCK = SECURITY_HEADERS + 1;
  /** Who is asking: Basic or the webapps' session, for every door. */
  public static final int AUTHENTICATION = CASE_LOCK + 1;
  /** The webapps' own login form, throttled like Basic logins. */
  public static final int WEBAPP_LOGIN_THROTTLE = AUTHENTICATION + 1;
  /** The monitoring integrations' tokens on the alert webhooks. */
  public static final int INTEGRATION_TOKENS = WEBAPP_LOGIN_THROTTLE + 1;
  /** Tasklist's form variables with typed text made literal. */
  public static final int FORM_TEXT = INTEGRATION_TOKENS + 1;
  /** Staff profiles' e-mail addresses checked where they are written. */
  public static final int PROFILE_ADDRESS = FORM_TEXT + 1;
  /** The forms Tasklist loads, in the reader's language. */
  public static final int FORM_TRANSLATION = PROFILE_ADDRESS + 1;
  /** Tasklist's words from the model and the shared filters, in the reader's language. */
  public static final int TASKLIST_WORDS = FORM_TRANSLATION + 1;

  private FilterOrder() {
  }
}
