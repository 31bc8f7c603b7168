package com.rebound.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict Content-Security-Policy for a page Rebound renders with styles inside it (the HTML report,
 * a mail's preview: a mail must carry its styles inline). Instead of {@code 'unsafe-inline'}, the
 * policy lists the SHA-256 of each {@code <style>} block and each {@code style} attribute of that very
 * page, so exactly those styles apply and nothing injected would. Scripts stay forbidden.
 */
public final class StylePolicy {

  private static final Pattern STYLE_BLOCK = Pattern.compile("<style[^>]*>(.*?)</style>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

  private StylePolicy() {
  }

  /** The policy for this page; {@code framedByRebound} lets Rebound's own pages show it in a frame. */
  public static String of(String html, boolean framedByRebound) {
    Set<String> hashes = new TreeSet<>();
    Matcher block = STYLE_BLOCK.matcher(html);
    while (block.find()) {
      hashes.add(hash(block.group(1)));
    }
    boolean attributes = false;
    Matcher attribute = STYLE_ATTRIBUTE.matcher(html);
    while (attribute.find()) {
      hashes.add(hash(unescape(attribute.group(2) != null ? attribute.group(2) : attribute.group(3))));
      attributes = true;
    }
    StringBuilder styles = new StringBuilder("style-src 'self'");
    if (attributes) {
      styles.append(" 'unsafe-hashes'");
    }
    hashes.forEach(h -> styles.append(" 'sha256-").append(h).append('\''));
    return "default-src 'self'; script-src 'none'; img-src 'self' data: cid:; " + styles + "; frame-ancestors "
        + (framedByRebound ? "'self'" : "'none'") + "; form-action 'self'; base-uri 'self'";
  }

  private static String unescape(String value) {
    return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String hash(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
