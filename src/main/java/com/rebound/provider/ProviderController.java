package com.rebound.provider;

import com.rebound.web.Roles;
import com.rebound.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's logo for the client's pages ({@code /provider/logo}, public like those pages), and
 * what is configured, for administrators ({@code GET /api/admin/provider}).
 */
@RestController
@EnableConfigurationProperties(Provider.class)
class ProviderController {

  private final Provider provider;
  private final CurrentUser currentUser;

  ProviderController(Provider provider, CurrentUser currentUser) {
    this.provider = provider;
    this.currentUser = currentUser;
  }

  @GetMapping("/provider/logo")
  ResponseEntity<byte[]> logo() {
    return provider.logoFile()
        .map(l -> ResponseEntity.ok().contentType(MediaType.parseMediaType(l.mediaType())).cacheControl(CacheControl.noCache())
            .body(l.content()))
        .orElse(ResponseEntity.notFound().build());
  }

  @GetMapping("/api/admin/provider")
  Map<String, Object> settings() {
    currentUser.requireAnyGroup(List.of(Roles.ADMINISTRATORS));
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("name", provider.name());
    shown.put("address", provider.address());
    shown.put("phone", provider.phone());
    shown.put("email", provider.email());
    shown.put("website", provider.website());
    shown.put("logo", provider.logo());
    shown.put("logoReadable", provider.logoFile().isPresent());
    shown.put("signature", provider.signature());
    shown.put("clientsRead", provider.named() ? provider.name() : "your IT service provider (rebound.provider.name is not set)");
    return shown;
  }
}
