package com.rebound.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A disaster reported to Rebound: which client, what happened, who told us, when, what is affected, and whether personal data
 * is (the moment of awareness of a personal-data breach is then the report's).
 */
record IncidentReport(
    @NotBlank @Size(max = 64) String clientId,
    @NotBlank @Size(max = 2000) String summary,
    @NotBlank @Size(max = 200) String reportedBy,
    OffsetDateTime detectedAt,
    @Size(max = 50) List<@NotBlank @Size(max = 200) String> affectedSystems,
    Boolean personalDataAffected) {
}
