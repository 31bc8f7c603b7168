package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managers' lint (src/lint/procedure-checks.js, run with Node.js as the managers' guide says) on the shipped folder and
 * on a copy a manager changed: a field added without a translation is listed (form, field, the key to add) and the form
 * shows it in its own words; a translation that loses a form's {{variable}} is a problem that fails the lint.
 */
class ProcedureChecksTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String output) {
  }

  @Test
  void theShippedFolderIsClean_everyTextOfItsFormsTranslated() throws Exception {
    Run run = lint(Path.of("bpmn"));
    assertThat(run.output()).contains("procedure checks: clean").doesNotContain("without a translation");
    assertThat(run.exit()).isZero();
  }

  @Test
  void aManagersNewFieldWithoutTranslation_isListedByTheLint_andShownInItsOwnWords(@TempDir Path copy) throws Exception {
    copyFolder(Path.of("bpmn"), copy);
    Path file = copy.resolve("legal-confirm.form");
    JsonNode form = JSON.readTree(file.toFile());
    ((ArrayNode) form.path("components")).addObject().put("type", "textfield").put("id", "Field_PsaTicket")
        .put("key", "psaTicket").put("label", "Ticket in our PSA");
    JSON.writeValue(file.toFile(), form);

    Run run = lint(copy);
    assertThat(run.output()).contains("1 text(s) without a translation")
        .contains("legal-confirm.form: \"Ticket in our PSA\" (field psaTicket) has no es translation: "
            + "add legal-confirm.Field_PsaTicket.label=… to translations/forms_es.properties")
        .contains("procedure checks: clean");
    assertThat(run.exit()).as("a text without a translation does not stop a deployment").isZero();

    JsonNode served = JSON.readTree(file.toFile());
    assertThat(new FormTranslations().translate(served, "es")).isTrue();
    assertThat(served.toString()).contains("\"Ticket in our PSA\"").doesNotContain("\"Filed by\"");
  }

  @Test
  void aTranslationThatLosesAVariable_orTranslatesNothing_isSaid(@TempDir Path copy) throws Exception {
    copyFolder(Path.of("bpmn"), copy);
    Path spanish = copy.resolve("translations/forms_es.properties");
    String texts = Files.readString(spanish, StandardCharsets.UTF_8);
    assertThat(texts).contains("agreeObjectives.Text_020.text=### Caso {{caseNumber}}");
    Files.writeString(spanish, texts.replace("agreeObjectives.Text_020.text=### Caso {{caseNumber}}",
        "agreeObjectives.Text_020.text=### Caso {{caso}}") + "agreeObjectives.Field_Gone.label=Ya no existe\n",
        StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

    Run run = lint(copy);
    assertThat(run.output()).contains("translations/forms_es.properties: agreeObjectives.Text_020.text: the translation must "
        + "keep the form's {{variables}} and links (lost {{caseNumber}}, added {{caso}})")
        .contains("translations/forms_es.properties: agreeObjectives.Field_Gone.label translates a text no form has")
        .contains("1 problem(s)");
    assertThat(run.exit()).isEqualTo(1);
  }

  static Run lint(Path folder) throws IOException, InterruptedException {
    Process node;
    try {
      node = new ProcessBuilder("node", Path.of("src/lint/procedure-checks.js").toAbsolutePath().toString(),
          folder.toAbsolutePath().toString()).redirectErrorStream(true).start();
    } catch (IOException noNode) {
      throw new IllegalStateException("The managers' lint runs with Node.js: apt-get install -y nodejs, or run .ci/run", noNode);
    }
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the lint ends").isTrue();
    return new Run(node.exitValue(), new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
