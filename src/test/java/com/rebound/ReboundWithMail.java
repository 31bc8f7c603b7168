package com.rebound;

import com.rebound.acceptance.MailRoom;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole of Rebound with a real SMTP server (GreenMail, {@link #MAIL}) and a fast outbox: every test class that
 * extends it shares this one running application and mailbox, each keeping to its own cases (mails are told apart by
 * the case number in their subject). The server lives as long as the test JVM.
 */
@Tag("application")
@SpringBootTest(classes = ReboundApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:rebound-mail;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "rebound.demo-users=true",
        "rebound.public-url=https://rebound.example.test",
        "rebound.mail.poll-interval=PT0.2S",
        "rebound.mail.first-back-off=PT0.2S",
        "rebound.mail.max-back-off=PT0.5S",
        "rebound.mail.max-attempts=1000",
        // a second context in the test JVM: its engine must not take the name "default" from the shared one
        "camunda.bpm.process-engine-name=" + ReboundWithMail.ENGINE})
public abstract class ReboundWithMail {

  public static final String ENGINE = "mailtest";
  public static final MailRoom MAIL = new MailRoom();

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    MAIL.register(registry);
  }
}
