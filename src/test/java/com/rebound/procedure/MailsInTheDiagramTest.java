package com.rebound.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import com.rebound.engineguard.ModelBeans;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.TextAnnotation;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * The messages the client and staff receive are visible in the diagram where they leave: every element whose listener
 * sends a mail has a text annotation starting with ✉ attached to it, no ✉ annotation hangs on an element that sends
 * none, and one ✉ note names the staff mails Rebound sends at every step on its own (built in, so not drawn).
 */
class MailsInTheDiagramTest {

  /** The model's listeners that send a mail to the client or to staff. */
  static final Set<String> MAILING_LISTENERS = Set.of("notifyCaseOpened", "notifyObjectivesAgreed", "openClientRound",
      "remindClientByMail", "notifyRtoWarning", "notifyRtoBreach", "notifyCaseClosed", "notifyCaseDismissed", "notifyRestorePointCheck",
      "notifyRestorePointAge");

  private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/disaster-recovery.bpmn"));

  @Test
  void everyMailingListenerIsOneTheModelMayUse_andEveryNotifyingBeanIsListed() {
    assertThat(ModelBeans.DELEGATES).containsAll(MAILING_LISTENERS);
    assertThat(ModelBeans.DELEGATES.stream().filter(bean -> bean.startsWith("notify") || bean.startsWith("remind")))
        .allMatch(MAILING_LISTENERS::contains);
  }

  @Test
  void everyElementThatSendsAMailShowsIt_andNoOtherDoes() throws java.io.IOException {
    assertThat(sending(model)).as("the elements that send mails").contains("StartEvent_DisasterReported", "clientAcceptance",
        "EndEvent_CaseClosed");
    // the procedure and every other model of the folder (the runbooks' mails too)
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(java.nio.file.Path.of("bpmn"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance each = Bpmn.readModelFromFile(file.toFile());
        Map<String, String> shown = shown(each);
        assertThat(new TreeSet<>(shown.keySet())).as("the elements %s shows sending mails", file).isEqualTo(sending(each));
        assertThat(shown.values()).allMatch(text -> text.startsWith("✉ To the client:") || text.startsWith("✉ To staff:"));
      }
    }
    assertThat(sending(Bpmn.readModelFromFile(new File("bpmn/runbooks/ransomware.bpmn")))).containsExactly("proveRestorePointClean");
  }

  private static Map<String, String> shown(BpmnModelInstance model) {
    Map<String, String> shown = new HashMap<>();
    for (Association association : model.getModelElementsByType(Association.class)) {
      if (association.getTarget() instanceof TextAnnotation note && note.getText() != null
          && note.getText().getTextContent().startsWith("✉")) {
        shown.put(association.getSource().getId(), note.getText().getTextContent());
      }
    }
    return shown;
  }

  private static Set<String> sending(BpmnModelInstance model) {
    Set<String> sending = new TreeSet<>();
    for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
      if (mails(listener.getCamundaDelegateExpression())) {
        sending.add(owner(listener).getId());
      }
    }
    for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
      if (mails(listener.getCamundaDelegateExpression())) {
        sending.add(owner(listener).getId());
      }
    }
    return sending;
  }

  @Test
  void oneNoteNamesTheStaffMailsSentAtEveryStep() {
    assertThat(model.getModelElementsByType(TextAnnotation.class)).filteredOn(note -> note.getText() != null
        && note.getText().getTextContent().startsWith("✉ Built in")).singleElement()
        .satisfies(note -> assertThat(note.getText().getTextContent()).contains("assigned", "SEV1/SEV2", "unclaimed", "alert"));
  }

  private static boolean mails(String delegateExpression) {
    return delegateExpression != null && MAILING_LISTENERS.contains(delegateExpression.replaceAll("^\\$\\{|}$", ""));
  }

  private static BaseElement owner(ModelElementInstance listener) {
    ModelElementInstance element = listener.getParentElement();
    while (!(element instanceof BaseElement)) {
      element = element.getParentElement();
    }
    return (BaseElement) element;
  }
}
