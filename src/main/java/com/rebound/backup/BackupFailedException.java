package com.rebound.backup;

/** A backup could not be written; the message says where and why. */
public class BackupFailedException extends RuntimeException {

  BackupFailedException(String message) {
    super(message);
  }
}
