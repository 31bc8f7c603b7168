package com.rebound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * For the tests of other features: walks a case's runbook (the process {@code bpmn/runbook.dmn} chose for its kind of
 * disaster, called with the case's number as business key) by its shortest way, each step with what its form requires,
 * so the case goes on to its recovery. The runbooks' own paths have their own tests.
 */
public final class RunbookSteps {

  private static final Map<String, Map<String, Object>> SHORTEST = Map.ofEntries(
      Map.entry("containRansomware", Map.of("isolatedSystems", "FS01 unplugged", "accountsDisabled", "administrador")),
      Map.entry("preserveEvidence", Map.of("imagedSystems", "FS01 disk", "evidenceHashes", "sha256 00", "evidenceLocation", "Safe")),
      Map.entry("identifyVariant", Map.of("ransomwareVariant", "unknown", "decryptorAvailable", "no", "initialAccess", "unknown")),
      // an hour before now: within any agreed RPO, so no mail about the point's age
      Map.entry("proveRestorePointClean", Map.of("restorePoint", "NAS02 nightly", "restorePointTakenAt",
          java.time.OffsetDateTime.now().minusHours(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
          "restorePointScan", "Mounted read-only and scanned", "restorePointVerdict", "clean")),
      Map.entry("resetCredentials", Map.of("credentialsReset", "Domain admins", "credentialsResetConfirmed", "yes")),
      Map.entry("decideOnRansom", Map.of("ransomDecision", "noDemand", "ransomDecidedBy", "The client's manager",
          "reportToAuthorities", "no")),
      Map.entry("openVendorCase", Map.of("failedPart", "System disk", "vendorCaseReference", "Dell SR 1", "warranty", "inWarranty",
          "partExpectedAt", "tomorrow 10:00", "partInTime", "yes")),
      Map.entry("fitPart", Map.of("partFitted", "Disk replaced")),
      Map.entry("checkInPlace", Map.of("checkedInPlace", "The recycle bins", "foundInPlace", "none")),
      Map.entry("choosePointInTime", Map.of("dataRightUntil", "yesterday 17:00", "restorePoint", "NAS snapshot",
          "restorePointTakenAt", "yesterday 12:00")),
      Map.entry("peopleSafe", Map.of("peopleAccountedFor", "yes", "siteAccessible", "no")),
      Map.entry("failOver", Map.of("alternateSite", "The cloud", "failedOverSystems", "File server")),
      Map.entry("tellInsurer", Map.of("insurerReference", "Claim 1")),
      Map.entry("followProvider", Map.of("provider", "Microsoft 365", "providerStatus", "back")));

  private RunbookSteps() {
  }

  /** Completes the open steps of the case's runbook until it has none; the steps completed, in order. */
  public static List<String> finish(TaskService tasks, String caseNumber) {
    List<String> done = new java.util.ArrayList<>();
    for (int turn = 0; turn < 20; turn++) {
      List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
          .taskDefinitionKeyIn(SHORTEST.keySet().toArray(String[]::new)).active().list();
      if (open.isEmpty()) {
        return done;
      }
      Task step = open.get(0);
      tasks.complete(step.getId(), new HashMap<>(SHORTEST.get(step.getTaskDefinitionKey())));
      done.add(step.getTaskDefinitionKey());
    }
    throw new IllegalStateException("the runbook of " + caseNumber + " does not end: " + done);
  }
}
