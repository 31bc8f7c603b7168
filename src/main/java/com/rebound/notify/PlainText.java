package com.rebound.notify;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text part of a mail, from its HTML: paragraphs, lines and list items as lines, a link as its
 * text followed by its address, images left out. Every mail carries both parts (multipart/alternative).
 */
final class PlainText {

  private PlainText() {
  }

  static String of(String html) {
    Document document = Jsoup.parse(html);
    StringBuilder text = new StringBuilder();
    document.body().traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          text.append(t.text());
        } else if (node instanceof Element e) {
          switch (e.normalName()) {
            case "br", "tr" -> text.append('\n');
            case "p", "div", "h1", "h2", "h3", "table", "ul", "ol" -> text.append("\n\n");
            case "li" -> text.append("\n- ");
            case "td", "th" -> text.append(e.elementSiblingIndex() == 0 ? "" : ": ");
            default -> {
            }
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.normalName().equals("a") && e.hasAttr("href")) {
          String href = e.attr("href");
          if (!href.equals(e.text().trim()) && !href.startsWith("cid:")) {
            text.append(" (").append(href).append(')');
          }
        }
      }
    });
    return text.toString().lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("")
        .replaceAll("\n{3,}", "\n\n").strip() + "\n";
  }
}
