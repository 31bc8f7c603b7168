package com.rebound.clients;

import jakarta.validation.Valid;
import com.rebound.clients.MailAddress;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A client's profile: who they are, what their contract promises (response time, RTO, RPO,
 * business hours), who to talk to, which protections they already have, and which laws' clocks a disaster of theirs runs
 * ({@link Legal}; none when not given).
 */
public record Client(
    @NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "use lowercase letters, digits and single hyphens, e.g. ladrillos-garcia")
    @Size(min = 3, max = 64) String id,
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 100) String sector,
    @NotNull @Min(1) @Max(100_000) Integer userCount,
    @NotNull @Pattern(regexp = "critical|high|standard|basic", message = "must be one of critical, high, standard, basic")
    String criticalityTier,
    @NotNull @Min(5) @Max(10_080) Integer responseTimeMinutes,
    @NotNull @Min(1) @Max(8_760) Integer rtoHours,
    @NotNull @Min(0) @Max(8_760) Integer rpoHours,
    @NotNull @Valid BusinessHours businessHours,
    @NotNull @Pattern(regexp = "es|en", message = "must be es or en") String preferredLanguage,
    @NotEmpty(message = "at least one contact is needed") @Size(max = 20) List<@Valid Contact> contacts,
    @NotNull Set<@Pattern(regexp = "backup|offsiteCopy|ups|endpointProtection|staffTraining|monitoring|mfa|patchManagement",
        message = "must be one of backup, offsiteCopy, ups, endpointProtection, staffTraining, monitoring, mfa, patchManagement")
        String> protections,
    @Valid Legal legal,
    Boolean active,
    Instant createdAt,
    Instant updatedAt,
    Integer version) {

  /**
   * When the client works: the clocks of a case count only these hours where the contract says so, skipping the public
   * holidays of {@code publicHolidays} (see {@link PublicHolidays}; empty: no holidays).
   */
  public record BusinessHours(
      @NotNull @Pattern(regexp = "(MON|TUE|WED|THU|FRI|SAT|SUN)(,(MON|TUE|WED|THU|FRI|SAT|SUN))*",
          message = "list days like MON,TUE,WED,THU,FRI") String days,
      @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a time like 08:00") String start,
      @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a time like 18:00") String end,
      @NotBlank String timeZone,
      @NotNull Boolean onlyDuringBusinessHours,
      @Size(max = 40) String publicHolidays) {

    /** The same hours without public holidays (a profile written before holidays existed). */
    public BusinessHours(String days, String start, String end, String timeZone, Boolean onlyDuringBusinessHours) {
      this(days, start, end, timeZone, onlyDuringBusinessHours, null);
    }
  }

  /** A person at the client; exactly one of them agrees the recovery objectives. */
  public record Contact(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Email(regexp = MailAddress.PATTERN, message = "must be a plain address such as name@example.com") @Size(max = 254)
      String email,
      @Size(max = 40) @Pattern(regexp = "[+0-9 ()-]*", message = "digits, spaces, +, ( ) and - only") String phone,
      @Size(max = 100) String role,
      boolean agreesObjectives) {
  }

  /** The regimes that apply to the client; none when the profile does not say. */
  public Legal legalOrNone() {
    return legal == null ? Legal.NONE : legal;
  }

  /**
   * The laws whose deadlines a disaster of this client may start (decision {@code legalObligations} in
   * bpmn/legal-obligations.dmn turns them and the case's facts into obligations): GDPR, where the provider processes
   * personal data for the client (its controller) and the processor deadline of their agreement; the client's privacy
   * contact (its DPO) who gets the provider's notices; NIS2 (essential, important or none) and its competent authority or
   * CSIRT; DORA (a financial entity).
   */
  public record Legal(
      Boolean personalData,
      @Min(1) @Max(720) Integer processorDeadlineHours,
      @Size(max = 200) String privacyContactName,
      @Email(regexp = MailAddress.PATTERN, message = "must be a plain address such as dpo@example.com") @Size(max = 254)
      String privacyContactEmail,
      @Pattern(regexp = "essential|important|none", message = "must be one of essential, important, none") String nis2,
      @Size(max = 200) String nis2Authority,
      Boolean dora) {

    public static final Legal NONE = new Legal(false, null, null, null, "none", null, false);

    public boolean processesPersonalData() {
      return Boolean.TRUE.equals(personalData);
    }

    public String nis2OrNone() {
      return nis2 == null || nis2.isBlank() ? "none" : nis2;
    }

    public boolean financialEntity() {
      return Boolean.TRUE.equals(dora);
    }
  }
}
