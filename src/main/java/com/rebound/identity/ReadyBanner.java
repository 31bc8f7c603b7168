package com.rebound.identity;

import com.rebound.settings.ReboundSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One line in the log when Rebound is up: where to open it and, with the demo accounts, how to log in. */
@Component
class ReadyBanner {

  private static final Logger LOG = LoggerFactory.getLogger(ReadyBanner.class);

  private final ReboundSettings settings;

  ReadyBanner(ReboundSettings settings) {
    this.settings = settings;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready(ApplicationReadyEvent event) {
    String url = settings.publicUrl() == null ? "" : settings.publicUrl().replaceAll("/+$", "") + "/";
    // a server on a port chosen at start (server.port=0): the port it took
    String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
    if (port != null && url.matches("https?://[^/]+:0/")) {
      url = url.replaceFirst(":0/$", ":" + port + "/");
    }
    LOG.info("Rebound is ready at {}{}", url, settings.demoUsers()
        ? " · log in as tech/tech (technician), manager/manager (manager) or admin/admin (administrator); the console is at "
            + url + "console/" : "");
  }
}
