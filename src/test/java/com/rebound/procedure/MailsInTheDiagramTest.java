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
      "remindClientByMail", "notifyRtoWarning", "notifyRtoBreach", "notifyCaseClosed", "notifyCaseDismissed");

  private final BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/disaster-recovery.bpmn"));

  @Test
  void everyMailingListenerIsOneTheModelMayUse_andEveryNotifyingBeanIsListed() {
    assertThat(ModelBeans.DELEGATES).containsAll(MAILING_LISTENERS);
    assertThat(ModelBeans.DELEGATES.stream().filter(bean -> bean.startsWith("notify") || bean.startsWith("remind")))
        .allMatch(MAILING_LISTENERS::contains);
  }

  @Test
  void everyElementThatSendsAMailShowsIt_andNoOtherDoes() {
    Map<String, String> shown = new HashMap<>();
    for (Association association : model.getModelElementsByType(Association.class)) {
      if (association.getTarget() instanceof TextAnnotation note && note.getText() != null
          && note.getText().getTextContent().startsWith("✉")) {
        shown.put(association.getSource().getId(), note.getText().getTextContent());
      }
    }
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
    assertThat(sending).as("the elements that send mails").contains("StartEvent_DisasterReported", "clientAcceptance",
        "EndEvent_CaseClosed");
    assertThat(new TreeSet<>(shown.keySet())).as("the elements the diagram shows sending mails").isEqualTo(sending);
    assertThat(shown.values()).allMatch(text -> text.startsWith("✉ To the client:") || text.startsWith("✉ To staff:"));
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
