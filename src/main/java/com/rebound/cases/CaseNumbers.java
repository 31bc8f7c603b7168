package com.rebound.cases;

/** Hands out case numbers {@code DR-<year>-<number>}: unique, and sequential within a year. */
public interface CaseNumbers {

  /** The next case number; taken inside the caller's transaction, so a rolled-back start gives it back. */
  String next();

  static String format(int year, long number) {
    return String.format("DR-%d-%04d", year, number);
  }
}
