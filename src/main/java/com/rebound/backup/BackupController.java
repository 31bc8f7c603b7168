package com.rebound.backup;

import com.rebound.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;

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
  ResponseEntity<ProblemDetail> databaseJob(DatabaseBackup.DatabaseJobException e, HttpServletRequest request) {
    return Problems.answer(request, Problems.of(HttpStatus.CONFLICT, "conflict", "Backups are the database's job", e.getMessage(), null));
  }

  @ExceptionHandler(BackupFailedException.class)
  ResponseEntity<ProblemDetail> failed(BackupFailedException e, HttpServletRequest request) {
    return Problems.answer(request, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "backup-failed", "The backup failed", e.getMessage(),
        null));
  }
}
