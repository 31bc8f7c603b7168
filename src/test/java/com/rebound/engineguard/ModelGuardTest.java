package com.rebound.engineguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Models may change the flow, not run code: what the deployment check lets through and what it refuses. */
class ModelGuardTest {

  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
          id="d" targetNamespace="http://rebound.example/test">
        <bpmn:process id="p" isExecutable="true" camunda:historyTimeToLive="30">
          %s
        </bpmn:process>
      </bpmn:definitions>""";

  private static byte[] bpmn(String body) {
    return BPMN.formatted(body).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyFileOfTheManagersFolderPasses() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).toList()) {
        assertThat(ModelGuard.check(Files.readAllBytes(file))).as(file.toString()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${severity == 'SEV1' ? 'managers' : 'technicians'}",
      "${acceptanceRounds >= 3 && !clientAccepted}",
      "${execution.getVariable('clientAccepted') != true}",
      "${caseClocks.rtoWarning(execution)}",
      "${prevention.advice(preventionDecision)}",
      "${severityDecision.proposedRtoHours}",
      "${notifyCaseOpened}",
      "Case ${caseNumber} for ${clientName}"})
  void variablesOperatorsAndRebound_sMethodsForModelsPass(String expression) {
    assertThat(ModelGuard.check(bpmn("<bpmn:serviceTask id=\"s\" camunda:expression=\"" + expression.replace("&", "&amp;")
        .replace("<", "&lt;") + "\"/>"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/x')}",
      "${execution.getProcessEngineServices().getRuntimeService()}",
      "${execution.processEngineServices}",
      "${caseClocks.class}",
      "${caseClocks.getClass()}",
      "${severityDecision.class.classLoader}",
      "${x.getClass()}",
      "${runtimeService.deleteProcessInstance('1', 'x')}",
      "${fn:exec('x')}",
      "${caseNumber['class']}"})
  void reflectionEngineServicesAndOtherMethodsAreRefused(String expression) {
    assertThat(ModelGuard.check(bpmn("<bpmn:serviceTask id=\"Attack\" camunda:expression=\"" + expression + "\"/>")))
        .singleElement().asString().contains("serviceTask 'Attack'");
  }

  @Test
  void scriptsClassesAndForeignLanguagesAreRefused() {
    assertThat(ModelGuard.check(bpmn("<bpmn:scriptTask id=\"Script\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>")))
        .anySatisfy(p -> assertThat(p).contains("scriptTask 'Script' is a script"));
    assertThat(ModelGuard.check(bpmn("<bpmn:serviceTask id=\"Java\" camunda:class=\"com.example.Evil\"/>")))
        .containsExactly("serviceTask 'Java' names a Java class (camunda:class)");
    assertThat(ModelGuard.check(bpmn("""
        <bpmn:userTask id="Listened"><bpmn:extensionElements><camunda:taskListener event="create">
          <camunda:script scriptFormat="groovy">'touch /tmp/x'.execute()</camunda:script>
        </camunda:taskListener></bpmn:extensionElements></bpmn:userTask>""")))
        .anySatisfy(p -> assertThat(p).contains("script is a script"));
    assertThat(ModelGuard.check(bpmn("""
        <bpmn:sequenceFlow id="Flow" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression language="javascript">true</bpmn:conditionExpression></bpmn:sequenceFlow>""")))
        .containsExactly("conditionExpression is a script condition (language javascript)");
    assertThat(ModelGuard.check("""
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
          <decision id="dec"><decisionTable id="t"><input id="i"><inputExpression id="e" expressionLanguage="javascript">
            <text>java.lang.Runtime.getRuntime()</text></inputExpression></input></decisionTable></decision>
        </definitions>""".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("inputExpression 'e' uses the expression language javascript (decision tables use FEEL)");
    assertThat(ModelGuard.check("""
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
          <decision id="dec"><literalExpression id="l"><text>function(x) external { java: { class: "java.lang.Runtime" } }</text>
          </literalExpression></decision></definitions>""".getBytes(StandardCharsets.UTF_8)))
        .singleElement().asString().contains("FEEL function that calls Java");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$<!-- split -->{''.getClass()}",
      "$<![CDATA[{]]>''.getClass()}",
      "$<?pi x?>{''.getClass()}",
      "&#36;{''.getClass()}",
      "#<!-- -->{execution.getProcessEngineServices()}"})
  void anExpressionSplitByCommentsCdataOrInstructionsIsReadAsTheEngineReadsIt(String text) {
    assertThat(ModelGuard.check(bpmn("<bpmn:userTask id=\"Split\"><bpmn:extensionElements><camunda:inputOutput>"
        + "<camunda:inputParameter name=\"x\">" + text + "</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>"
        + "</bpmn:userTask>"))).isNotEmpty();
  }

  @Test
  void theLegacyNamespaceAConditionLanguageAndHiddenFeelJavaAreRefused() {
    assertThat(ModelGuard.check(("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:activiti=\"http://activiti.org/bpmn\" id=\"d\" targetNamespace=\"x\"><bpmn:process id=\"p\">"
        + "<bpmn:serviceTask id=\"Old\" activiti:class=\"java.lang.Object\"/></bpmn:process></bpmn:definitions>")
        .getBytes(StandardCharsets.UTF_8))).anySatisfy(p -> assertThat(p).contains("legacy namespace"));
    assertThat(ModelGuard.check(bpmn("<bpmn:intermediateCatchEvent id=\"c\"><bpmn:conditionalEventDefinition>"
        + "<bpmn:condition language=\"groovy\">true</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>")))
        .anySatisfy(p -> assertThat(p).contains("script condition (language groovy)"));
    assertThat(ModelGuard.check("""
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
          <decision id="dec"><literalExpression id="l"><text>function(x) external /* hidden */ { java: { class: "x" } }</text>
          </literalExpression></decision></definitions>""".getBytes(StandardCharsets.UTF_8)))
        .singleElement().asString().contains("FEEL function that calls Java");
    assertThat(ModelGuard.check("""
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
          <decision id="dec"><literalExpression id="l"><text>"an external drive"</text>
          </literalExpression></decision></definitions>""".getBytes(StandardCharsets.UTF_8))).as("a word in a string").isEmpty();
  }
}
