package com.rebound.lessons;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.procedure.ProcedureVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${findSimilarCases}}, after the assessment: the new case's facts (probable cause, kinds of systems
 * hit, its client's sector, size and protections) against the reviewed past cases; the most similar are
 * written as {@code seenBefore}, the text the objectives and recovery forms show: each with a link to its
 * case, how it ended and how long it took, the facts that matched, what was learned and what worked.
 */
@Component("findSimilarCases")
class SeenBefore implements JavaDelegate {

  /** How many past cases a form shows. */
  static final int SHOWN = 3;
  private static final int MAX_QUOTE = 300;

  private final SimilarCases similar;
  private final ClientService clients;

  SeenBefore(SimilarCases similar, ClientService clients) {
    this.similar = similar;
    this.clients = clients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String clientId = (String) execution.getVariable(ProcedureVariables.CLIENT_ID);
    Client client = clients.find(clientId).orElse(null);
    SimilarCases.Facts facts = new SimilarCases.Facts((String) execution.getVariable(ProcedureVariables.CASE_NUMBER),
        (String) execution.getVariable(ProcedureVariables.PROBABLE_CAUSE),
        LessonFacts.codes(execution.getVariable(ProcedureVariables.SYSTEMS_HIT)), clientId,
        client == null ? null : LessonFacts.sector(client.sector()), client == null ? null : LessonFacts.sizeBand(client.userCount()),
        LessonFacts.codes(execution.getVariable(ProcedureVariables.CLIENT_PROTECTIONS)));
    List<SimilarCases.Match> matches = similar.find(facts, SHOWN);
    if (!matches.isEmpty()) {
      execution.setVariable(ProcedureVariables.SEEN_BEFORE, text(matches));
    }
  }

  /** The matches as the forms' Markdown. */
  static String text(List<SimilarCases.Match> matches) {
    List<String> blocks = new ArrayList<>();
    for (SimilarCases.Match match : matches) {
      Map<String, Object> lesson = match.lesson();
      String number = String.valueOf(lesson.get("caseNumber"));
      StringBuilder block = new StringBuilder("**[" + number + "](/console/case.html?case=" + number + ")** · " + plain(lesson.get("clientName"))
          + " · " + ended(lesson));
      block.append("\n\nMatched: ").append(String.join("; ", match.matched()));
      if (lesson.get("lessonsLearned") != null) {
        block.append("\n\n*Learned:* ").append(quote(lesson.get("lessonsLearned")));
      }
      if (lesson.get("wentWell") != null) {
        block.append("\n\n*What worked:* ").append(quote(lesson.get("wentWell")));
      }
      blocks.add(block.toString());
    }
    return String.join("\n\n---\n\n", blocks);
  }

  private static String ended(Map<String, Object> lesson) {
    String outcome = String.valueOf(lesson.get("outcome"));
    Object minutes = lesson.get("recoveryMinutes");
    Object rounds = lesson.get("acceptanceRounds");
    String took = minutes == null ? "" : " in " + duration(((Number) minutes).intValue());
    String tested = rounds instanceof Number n && n.intValue() > 1 ? ", " + n + " acceptance rounds" : "";
    return outcome + took + tested;
  }

  /** Minutes as "2 d 3 h", "6 h 10 min" or "40 min". */
  static String duration(int minutes) {
    if (minutes >= 24 * 60) {
      return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
    }
    return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
  }

  /** A person's text on one line, without what Markdown or HTML would read as markup. */
  private static String quote(Object text) {
    String line = plain(text);
    return line.length() > MAX_QUOTE ? line.substring(0, MAX_QUOTE) + "…" : line;
  }

  private static String plain(Object text) {
    return text == null ? "" : String.valueOf(text).replaceAll("[\\r\\n]+", " ").replaceAll("[<>\\[\\]*_`#{}|]", " ").trim();
  }
}
