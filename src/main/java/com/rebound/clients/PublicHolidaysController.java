package com.rebound.clients;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/public-holidays/{country}}: the codes a client's profile may name for its public holidays (the country
 * and its regions), for the clients page's suggestions. Empty for a country with no known holidays.
 */
@RestController
class PublicHolidaysController {

  @GetMapping("/api/public-holidays/{country}")
  List<PublicHolidays.Place> places(@PathVariable String country) {
    return country.matches("[A-Za-z]{2}") ? PublicHolidays.places(country) : List.of();
  }
}
