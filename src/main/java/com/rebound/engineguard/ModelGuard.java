package com.rebound.engineguard;

import com.rebound.procedure.ProcedureContractException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Models may change the flow, not run code. Every new deployment (REST and Desktop Modeler, the
 * start-up deployment of {@code bpmn/}) is checked before the engine parses it: a BPMN or DMN file
 * with a script (script task, script listener, script condition or input), a Java class
 * ({@code camunda:class}), a DMN expression language other than FEEL, a FEEL function that calls
 * Java, or an expression outside what {@link ModelBeans#METHODS} allows is refused with the element and
 * the reason, and nothing is deployed. Expressions may use variables, literals, operators and
 * comparisons, a variable's plain property ({@code severityDecision.severity}), Rebound's beans by name
 * (delegates) and the methods listed here, nothing else (no reflection, no engine services).
 */
final class ModelGuard implements Deployer {

  /** Property names never read through a model, whatever the object. */
  private static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass", "module",
      "processEngine", "processEngineServices", "processEngineConfiguration");
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  /** Files the engine parses as models, and the other files a deployment may carry. */
  private static final List<String> MODELS = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml");
  private static final List<String> OTHER_FILES = List.of(".form", ".png", ".svg", ".jpg", ".jpeg", ".gif");
  /** FEEL's keyword for a function written in Java, outside string literals (comments or spacing do not hide it). */
  private static final Pattern FEEL_JAVA_FUNCTION = Pattern.compile("\\bexternal\\b");
  private static final Pattern FEEL_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  @Override
  public void deploy(DeploymentEntity deployment) {
    // every deployment the engine takes in: new ones, redeployments of old ones, and old ones read back into its cache
    if (deployment.getResources() == null) {
      return;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName().toLowerCase(Locale.ROOT);
      if (MODELS.stream().anyMatch(name::endsWith)) {
        List<String> problems = check(resource.getBytes());
        if (!problems.isEmpty()) {
          throw new ProcedureContractException("The model " + resource.getName() + " cannot be deployed: models may change the "
              + "flow, not run code. " + String.join("; ", problems) + ". Nothing was deployed.");
        }
      } else if (OTHER_FILES.stream().noneMatch(name::endsWith)) {
        throw new ProcedureContractException("The file " + resource.getName() + " cannot be deployed: Rebound takes BPMN (.bpmn), "
            + "DMN (.dmn), Camunda Forms (.form) and diagram images (.png, .svg) only (no CMMN, scripts or other files). "
            + "Nothing was deployed.");
      }
    }
  }

  /** What is wrong with the model, one sentence per element; empty when it may be deployed. */
  static List<String> check(byte[] xml) {
    List<String> problems = new ArrayList<>();
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // read the text as the engine's parser does: comments dropped, CDATA and character references joined
      factory.setIgnoringComments(true);
      factory.setCoalescing(true);
      factory.setExpandEntityReferences(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      root = builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
    } catch (Exception notXml) {
      return List.of("it is not a well-formed XML file (" + notXml.getMessage() + ")");
    }
    visit(root, problems);
    return problems;
  }

  private static void visit(Element element, List<String> problems) {
    String where = describe(element);
    String local = element.getLocalName();
    if (isLegacy(element.getNamespaceURI())) {
      problems.add(where + " uses the legacy namespace " + element.getNamespaceURI() + " (use Camunda's)");
    }
    if ("constraint".equals(local) && "validator".equals(element.getAttribute("name"))) {
      problems.add(where + " names a Java class as a form field validator");
    }
    if ("scriptTask".equals(local) || ("script".equals(local) && CAMUNDA.equals(element.getNamespaceURI()))) {
      problems.add(where + " is a script");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      String value = attribute.getValue();
      if (isLegacy(attribute.getNamespaceURI()) || attribute.getName().startsWith("xmlns") && isLegacy(value)) {
        problems.add(where + " uses the legacy namespace " + (isLegacy(value) ? value : attribute.getNamespaceURI())
            + " (use Camunda's)");
      } else if (!isDmn(element) && ("class".equals(name) || name.endsWith("Class"))) {
        // camunda:class on a task, class on a listener element, camunda:formHandlerClass, camunda:variableMappingClass
        problems.add(where + " names a Java class (" + attribute.getName() + ")");
      } else if (CAMUNDA.equals(attribute.getNamespaceURI()) && Set.of("resource", "scriptFormat").contains(name)) {
        problems.add(where + " names a script (camunda:" + name + ")");
      } else if ("language".equals(name) && !value.isBlank() && !isDmn(element)) {
        problems.add(where + " is a script condition (language " + value + ")");
      } else if ("expressionLanguage".equals(name) && isDmn(element) && !value.toLowerCase(Locale.ROOT).contains("feel")) {
        problems.add(where + " uses the expression language " + value + " (decision tables use FEEL)");
      } else {
        checkText(where + " attribute " + name, value, isDmn(element), problems);
      }
    }
    // the element's text as the engine reads it: every text and CDATA piece joined, comments and processing instructions left out
    StringBuilder text = new StringBuilder();
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      org.w3c.dom.Node child = children.item(i);
      if (child instanceof Element nested) {
        visit(nested, problems);
      } else if (child.getNodeType() == org.w3c.dom.Node.TEXT_NODE || child.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    checkText(where, text.toString(), isDmn(element), problems);
  }

  /** Activiti's namespaces, which Camunda's parser still honours ({@code activiti:class}). */
  private static boolean isLegacy(String namespace) {
    return namespace != null && namespace.toLowerCase(Locale.ROOT).contains("activiti");
  }

  private static void checkText(String where, String text, boolean feel, List<String> problems) {
    if (text == null || text.isBlank()) {
      return;
    }
    if (feel && FEEL_JAVA_FUNCTION.matcher(FEEL_STRING.matcher(text).replaceAll("\"\"")).find()) {
      problems.add(where + " defines a FEEL function that calls Java (external)");
    }
    if (!text.contains("${") && !text.contains("#{")) {
      return;
    }
    try {
      String refused = refusal(new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build(text.trim()).getRoot());
      if (refused != null) {
        problems.add(where + ": " + refused + " in " + text.trim());
      }
    } catch (TreeBuilderException notAnExpression) {
      problems.add(where + ": not a valid expression: " + text.trim());
    }
  }

  /** Why the expression (node) is not allowed, or null when it is. */
  static String refusal(Node node) {
    if (node instanceof AstIdentifier || node instanceof AstText || node instanceof AstString || node instanceof AstNumber
        || node instanceof AstBoolean || node instanceof AstNull) {
      return null;
    }
    if (node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested || node instanceof AstBinary
        || node instanceof AstUnary || node instanceof AstChoice) {
      return children(node);
    }
    if (node instanceof AstMethod) {
      Node target = node.getChild(0);
      if (!(target instanceof AstDot) || !(target.getChild(0) instanceof AstIdentifier bean)) {
        return "a method may only be called on a named bean";
      }
      String method = propertyName(target);
      if (!ModelBeans.METHODS.getOrDefault(bean.getName(), Set.of()).contains(method)) {
        return bean.getName() + "." + method + "(…) is not a method models may call";
      }
      return children(node.getChild(1));
    }
    if (node instanceof AstDot) {
      Node prefix = node.getChild(0);
      String property = propertyName(node);
      if (!(prefix instanceof AstIdentifier variable) || ModelBeans.METHODS.containsKey(variable.getName())
          || FORBIDDEN_PROPERTIES.contains(property)) {
        return "the property " + property + " may not be read here (only a plain property of a variable)";
      }
      return null;
    }
    if (node instanceof AstParameters) {
      return children(node);
    }
    return "'" + node + "' is not allowed in a model (only variables, literals, operators and Rebound's methods for models)";
  }

  private static String children(Node node) {
    for (int i = 0; i < node.getCardinality(); i++) {
      String refused = refusal(node.getChild(i));
      if (refused != null) {
        return refused;
      }
    }
    return null;
  }

  /** The name after the dot ({@code AstDot} prints itself as ". name"). */
  private static String propertyName(Node dot) {
    return dot.toString().replaceFirst("^\\.\\s*", "").trim();
  }

  private static boolean isDmn(Element element) {
    return element.getNamespaceURI() != null && element.getNamespaceURI().toUpperCase(Locale.ROOT).contains("DMN");
  }

  private static String describe(Element element) {
    String id = element.getAttribute("id");
    String name = element.getAttribute("name");
    return element.getLocalName() + (id.isBlank() ? "" : " '" + id + "'") + (name.isBlank() ? "" : " (" + name + ")");
  }
}
