package com.rebound;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * A real IMAP server for the tests: Debian's Dovecot ({@code dovecot-imapd}, installed by {@code .ci/run}), run in the
 * foreground from a temporary folder on a free port, with one mailbox ({@link #USER}/{@link #PASSWORD}, Maildir), plain
 * IMAP on 127.0.0.1. Messages go in as a mail server would put them, by IMAP APPEND. As root its mail files belong to
 * Debian's {@code mail} user; otherwise to the user running the tests.
 */
public final class DovecotServer implements AutoCloseable {

  public static final String USER = "support@sistemas-ejemplo.example";
  public static final String PASSWORD = "support-secret";
  private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");

  private final Path folder;
  private final int port;
  private Process process;

  public DovecotServer(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder.toAbsolutePath());
    this.port = freePort();
  }

  public static boolean installed() {
    return Files.isExecutable(DOVECOT);
  }

  public int port() {
    return port;
  }

  public void start() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    String me = System.getProperty("user.name");
    Path home = Files.createDirectories(folder.resolve("home"));
    Files.createDirectories(folder.resolve("run"));
    Files.createDirectories(folder.resolve("state"));
    Files.writeString(folder.resolve("users"), USER + ":{PLAIN}" + PASSWORD + "\n");
    String owner = root ? "mail" : me;
    Files.writeString(folder.resolve("dovecot.conf"), """
        base_dir = %1$s/run
        state_dir = %1$s/state
        instance_name = rebound-test-%2$d
        log_path = %1$s/dovecot.log
        protocols = imap
        listen = 127.0.0.1
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        first_valid_uid = 1
        default_internal_user = %3$s
        default_login_user = %4$s
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%%u %1$s/users
        }
        userdb {
          driver = static
          args = uid=%5$s gid=%5$s home=%1$s/home/%%n
        }
        mail_location = maildir:~/Maildir
        service imap-login {
          chroot =
          inet_listener imap {
            address = 127.0.0.1
            port = %2$d
          }
          inet_listener imaps {
            port = 0
          }
        }
        service anvil {
          chroot =
        }
        """.formatted(folder, port, root ? "dovecot" : me, root ? "dovenull" : me, owner));
    if (root) {
      new ProcessBuilder("chown", "-R", "mail:mail", home.toString()).start().waitFor();
    }
    process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", folder.resolve("dovecot.conf").toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("dovecot.out").toFile()).start();
    Instant until = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(until)) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Dovecot stopped: " + Files.readString(folder.resolve("dovecot.out")));
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Dovecot did not listen on " + port);
  }

  /** Puts messages into the mailbox's INBOX, as the mail server would. */
  public void deliver(List<Message> messages) throws Exception {
    Properties properties = new Properties();
    try (Store store = Session.getInstance(properties).getStore("imap")) {
      store.connect("127.0.0.1", port, USER, PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.appendMessages(messages.toArray(Message[]::new));
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
