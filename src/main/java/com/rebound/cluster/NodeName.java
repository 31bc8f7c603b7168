package com.rebound.cluster;

import com.rebound.settings.ReboundSettings;
import java.lang.management.ManagementFactory;
import org.springframework.stereotype.Component;

/**
 * This node's name in the cluster ({@code rebound.node-name}; by default the JVM's
 * {@code pid@host}): recorded on outbox claims and the start-up lock, shown in logs.
 */
@Component
public class NodeName {

  private final String value;

  NodeName(ReboundSettings settings) {
    String configured = settings.nodeName();
    this.value = configured == null || configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : configured.trim();
  }

  public String value() {
    return value;
  }
}
