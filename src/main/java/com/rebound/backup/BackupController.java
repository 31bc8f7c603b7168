package com.rebound.backup;

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

/** Backups on demand for administrators: {@code POST /api/admin/backups}; the list: {@code GET}. */
@RestController
@RequestMapping("/api/admin/backups")
class BackupController {

  private final DatabaseBackup backup;

  BackupController(DatabaseBackup backup) {
    this.backup = backup;
  }

  @PostMapping
  ResponseEntity<DatabaseBackup.BackupFile> backupNow() {
    DatabaseBackup.BackupFile file = backup.backup();
    return ResponseEntity.created(URI.create("/api/admin/backups/" + file.name())).body(file);
  }

  @GetMapping
  List<DatabaseBackup.BackupFile> list() {
    return backup.list();
  }

  @ExceptionHandler(BackupFailedException.class)
  ResponseEntity<Map<String, String>> failed(BackupFailedException e) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", e.getMessage()));
  }
}
