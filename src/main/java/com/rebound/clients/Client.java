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
 * business hours), who to talk to, and which protections they already have.
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
}
