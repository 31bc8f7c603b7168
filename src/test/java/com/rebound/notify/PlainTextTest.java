package com.rebound.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plain-text part every mail carries beside its HTML. */
class PlainTextTest {

  @Test
  void paragraphsLinesListsAndLinksReadAsText() {
    String html = """
        <html><body style="font-family: Arial"><p>Hola,</p>
        <p>Su caso <b>DR-2026-0007</b> está registrado.<br>Le escribiremos pronto.</p>
        <ul><li>Servidor FS01</li><li>Carpeta &quot;Clientes&quot; &amp; copias</li></ul>
        <p><a href="https://rebound.example/acceptance/abc">Abrir la página de pruebas</a></p>
        <p><img src="cid:providerLogo" alt=""><a href="https://x.example">https://x.example</a></p></body></html>""";

    String text = PlainText.of(html);

    assertThat(text).isEqualTo("""
        Hola,

        Su caso DR-2026-0007 está registrado.
        Le escribiremos pronto.

        - Servidor FS01
        - Carpeta "Clientes" & copias

        Abrir la página de pruebas (https://rebound.example/acceptance/abc)

        https://x.example
        """);
  }
}
