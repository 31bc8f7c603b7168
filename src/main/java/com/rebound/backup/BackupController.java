package com.rebound.backup;

import com.rebound.security.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Backups on demand for administrators (camunda-admin): {@code POST /api/admin/backups}; the list: {@code GET}. */
@RestController
@RequestMapping("/api/admin/backups")
class BackupController {

  private final DatabaseBackup backup;
  private final CurrentUser currentUser;

  BackupController(DatabaseBackup backup, CurrentUser currentUser) {
    this.backup = backup;
    this.currentUser = currentUser;
  }

  @PostMapping
  ResponseEntity<DatabaseBackup.BackupFile> backupNow() {
    currentUser.requireAdministrator();
    DatabaseBackup.BackupFile file = backup.backup();
    return ResponseEntity.created(URI.create("/api/admin/backups/" + file.name())).body(file);
  }

  @GetMapping
  List<DatabaseBackup.BackupFile> list() {
    currentUser.requireAdministrator();
    if (!backup.backsUpItself()) {
      throw new DatabaseBackup.DatabaseJobException(backup.product());
    }
    return backup.list();
  }


  @ExceptionHandler(DatabaseBackup.DatabaseJobException.class)
  ResponseEntity<Map<String, String>> databaseJob(DatabaseBackup.DatabaseJobException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(BackupFailedException.class)
  ResponseEntity<Map<String, String>> failed(BackupFailedException e) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", e.getMessage()));
  }
}
