package com.rebound.notify;

import java.util.List;

/**
 * A message to deliver, as written to the outbox: who gets it, in which language, what it says, and
 * optionally what to attach when it is sent ({@code finalReport}). The dedup key names the event that
 * caused it, so the same event never queues it twice.
 */
public record OutboxMessage(String dedupKey, MessageKind kind, String caseNumber, String processInstanceId,
    List<String> recipients, String language, String subject, String body, String attachment) {
}
