package com.rebound.clients;

import java.util.regex.Pattern;

/**
 * What Rebound accepts as a mail address, for a client's contacts and for staff profiles alike: a plain
 * {@code local@domain}, with a dot-atom local part (no quoted strings, so no comma, space or angle bracket
 * can hide a second address) and a domain of letters, digits and hyphens with at least one dot.
 */
public final class MailAddress {

  /** For {@code @Email(regexp = ...)} and for checks in code. */
  public static final String PATTERN = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
      + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";
  private static final Pattern VALID = Pattern.compile(PATTERN);

  private MailAddress() {
  }

  public static boolean valid(String address) {
    return address != null && address.length() <= 254 && VALID.matcher(address).matches();
  }
}
