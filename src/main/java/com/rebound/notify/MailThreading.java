package com.rebound.notify;

import java.util.Optional;

/**
 * The message a mail answers, for its {@code In-Reply-To} and {@code References} (package replies: a staff's answer to a
 * client's reply), so the client's mail program threads the conversation.
 */
public interface MailThreading {

  Optional<String> answers(long outboxId);
}
