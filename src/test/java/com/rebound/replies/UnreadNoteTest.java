package com.rebound.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The forms' header note of unread client replies in the staff language, one and many, the number in its form. */
class UnreadNoteTest {

  @Test
  void theNoteSaysHowManyInTheStaffLanguage() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages/rebound");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    messages.setAlwaysUseMessageFormat(true);
    assertThat(messages.getMessage("replies.unreadNote", new Object[] {1}, Locale.ENGLISH)).isEqualTo("1 new message from the client");
    assertThat(messages.getMessage("replies.unreadNote", new Object[] {3}, Locale.ENGLISH)).isEqualTo("3 new messages from the client");
    assertThat(messages.getMessage("replies.unreadNote", new Object[] {1}, Locale.forLanguageTag("es")))
        .isEqualTo("1 mensaje nuevo del cliente");
    assertThat(messages.getMessage("replies.unreadNote", new Object[] {1200}, Locale.forLanguageTag("es")))
        .isEqualTo("1.200 mensajes nuevos del cliente");
  }
}
