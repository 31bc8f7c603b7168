package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract page (docs/contract.md) names every field the contract's rules ({@link ProcedureVariables#RULES}) check,
 * on the row of its step, and every start field: the page a manager reads cannot drift from what the engine enforces.
 */
class ContractPageTest {

  @Test
  void everyFieldOfEveryStepIsOnItsRow() throws IOException {
    List<String> page = Files.readAllLines(Path.of("docs/contract.md"));
    for (Map.Entry<String, List<VariableRule>> step : ProcedureVariables.RULES.entrySet()) {
      if (ProcedureVariables.START.equals(step.getKey())) {
        String start = String.join(" ", page.subList(page.indexOf(page.stream().filter(l -> l.startsWith("Start variables:"))
            .findFirst().orElseThrow()), page.size()));
        step.getValue().forEach(rule -> assertThat(start).as("start field %s", rule.name()).contains("`" + rule.name() + "`"));
        continue;
      }
      String row = page.stream().filter(line -> line.startsWith("| `" + step.getKey() + "` |")).findFirst().orElse(null);
      assertThat(row).as("the row of step %s in docs/contract.md", step.getKey()).isNotNull();
      step.getValue().forEach(rule -> assertThat(row).as("%s on the row of %s", rule.name(), step.getKey())
          .contains("`" + rule.name() + "`"));
    }
  }
}
