package com.rebound.actions;

import static com.rebound.actions.ActionItemVariables.*;

import com.rebound.clients.Client;
import com.rebound.clients.ClientService;
import com.rebound.procedure.ProcedureVariables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A review's action items become tracked items: a row in {@code rebound_action_item} and an instance of
 * process {@code actionItem} each (the owner's step in Tasklist, the reminder and overdue timers), written in
 * the review's transaction. Closing an item (done or dropped) records who and when.
 */
@Service
public class ActionItems {

  private final JdbcTemplate jdbc;
  private final ClientService clients;
  private final IdentityService identity;
  private final RuntimeService runtime;

  ActionItems(JdbcTemplate jdbc, ClientService clients, IdentityService identity, RuntimeService runtime) {
    this.jdbc = jdbc;
    this.clients = clients;
    this.identity = identity;
    this.runtime = runtime;
  }

  /** The items a review gives, checked; throws a 400 naming each item and field that is wrong. */
  List<ReviewItems.Item> check(VariableScope review) {
    Client client = clients.find((String) review.getVariable(ProcedureVariables.CLIENT_ID)).orElse(null);
    return ReviewItems.read(review.getVariable(ProcedureVariables.ACTION_ITEMS), this::user, client,
        ReviewItems.today(client, ClockUtil.getCurrentTime()));
  }

  /** Tracks each item of the reviewed case once (a retried step finds them tracked). */
  void track(DelegateExecution review) {
    String caseNumber = (String) review.getVariable(ProcedureVariables.CASE_NUMBER);
    Client client = clients.find((String) review.getVariable(ProcedureVariables.CLIENT_ID)).orElse(null);
    Timestamp now = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    // checked again here: the review's listener is the model's, and a model edit must not let a bad item through
    for (ReviewItems.Item item : check(review)) {
      start(reviewItemId(caseNumber, item.position()), review, client, item, now);
    }
  }

  /**
   * A client still considering the prevention offer: whoever made it gets an action item to ask again, due after the
   * days the model gives the step ({@code preventionFollowUpDays}, 14 when it gives none). Once per case.
   */
  void followUpPrevention(DelegateTask offer) {
    if (!"considering".equals(offer.getVariable(ProcedureVariables.CLIENT_INTEREST))) {
      return;
    }
    Object days = offer.getVariable(ProcedureVariables.PREVENTION_FOLLOW_UP_DAYS);
    long after = days == null ? 14 : Long.parseLong(String.valueOf(days).trim());
    String userId = offer.getAssignee() != null ? offer.getAssignee()
        : identity.getCurrentAuthentication() == null ? null : identity.getCurrentAuthentication().getUserId();
    User user = userId == null ? null : user(userId).orElse(null);
    if (user == null) {
      // completed by no person (a script through the Java API): nobody to give the follow-up to
      return;
    }
    ReviewItems.Owner owner = new ReviewItems.Owner((user.getFirstName() + " " + user.getLastName()).trim(), user.getId(),
        user.getEmail());
    Client client = clients.find((String) offer.getVariable(ProcedureVariables.CLIENT_ID)).orElse(null);
    Object offered = offer.getVariable(ProcedureVariables.PREVENTION_OFFERED);
    String what = "Ask " + offer.getVariable(ProcedureVariables.CLIENT_NAME) + " again about the prevention offered"
        + (offered == null ? "" : " (" + String.valueOf(offered).replaceAll("[\\[\\]\"]", "").replace(",", ", ").replaceAll(" +", " ") + ")");
    LocalDate due = ReviewItems.today(client, ClockUtil.getCurrentTime()).plusDays(after);
    start(preventionFollowUpId((String) offer.getVariable(ProcedureVariables.CASE_NUMBER)), offer.getExecution(), client,
        new ReviewItems.Item(0, what, owner, due), Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
  }

  /** Starts an item's own process and its row, unless an item of that id exists (a retried step). */
  private void start(String id, VariableScope scope, Client client, ReviewItems.Item item, Timestamp now) {
    String caseNumber = (String) scope.getVariable(ProcedureVariables.CASE_NUMBER);
    String clientId = (String) scope.getVariable(ProcedureVariables.CLIENT_ID);
    String clientName = (String) scope.getVariable(ProcedureVariables.CLIENT_NAME);
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM rebound_action_item WHERE id = ?", Integer.class, id);
    if (known != null && known > 0) {
      return;
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(ITEM_ID, id);
    variables.put(ProcedureVariables.CASE_NUMBER, caseNumber);
    variables.put(ProcedureVariables.CLIENT_ID, clientId);
    variables.put(ProcedureVariables.CLIENT_NAME, clientName);
    variables.put(ProcedureVariables.SUMMARY, scope.getVariable(ProcedureVariables.SUMMARY));
    variables.put(WHAT, item.what());
    variables.put(OWNER, item.owner().name());
    variables.put(OWNER_USER, item.owner().userId());
    variables.put(OWNER_EMAIL, item.owner().email());
    variables.put(DUE_DATE, item.due().toString());
    variables.put(TIME_ZONE, client == null ? "UTC" : client.businessHours().timeZone());
    String processInstanceId = runtime.startProcessInstanceByKey(PROCESS_KEY, id, variables).getId();
    jdbc.update("INSERT INTO rebound_action_item (id, case_number, client_id, client_name, what, owner, owner_user, owner_email, "
        + "due_date, state, process_instance_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
        id, caseNumber, clientId, clientName, item.what(), item.owner().name(), item.owner().userId(), item.owner().email(),
        Date.valueOf(item.due()), processInstanceId, now);
  }

  /** The item was closed in its step: done (with what was done, if said) or dropped (with why), by whom and when. */
  void closed(String id, String outcome, String note, String by) {
    boolean dropped = "dropped".equals(outcome);
    int changed = jdbc.update("UPDATE rebound_action_item SET state = ?, drop_reason = ?, done_note = ?, closed_by = ?, closed_at = ? "
        + "WHERE id = ? AND state = 'open'", outcome, dropped ? note : null, dropped || note == null || note.isBlank() ? null : note, by,
        Timestamp.from(ClockUtil.getCurrentTime().toInstant()), id);
    if (changed != 1) {
      throw new IllegalStateException("action item " + id + " is not open");
    }
  }

  /** One item as the console shows it, or empty. */
  public Optional<Map<String, Object>> find(String id) {
    return jdbc.query("SELECT * FROM rebound_action_item WHERE id = ?", ActionItems::row, id).stream().findFirst();
  }

  /**
   * Items, overdue first then by due day: every owner's ({@code ownerUser} null) or one user's; of one client
   * or case or all; open, closed (done and dropped) or all.
   */
  public List<Map<String, Object>> list(String ownerUser, String clientId, String caseNumber, String state, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM rebound_action_item WHERE 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (ownerUser != null) {
      sql.append(" AND owner_user = ?");
      args.add(ownerUser);
    }
    if (clientId != null) {
      sql.append(" AND client_id = ?");
      args.add(clientId);
    }
    if (caseNumber != null) {
      sql.append(" AND case_number = ?");
      args.add(caseNumber);
    }
    if ("open".equals(state)) {
      sql.append(" AND state = 'open'");
    } else if ("closed".equals(state)) {
      sql.append(" AND state <> 'open'");
    }
    sql.append(" ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, due_date, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), ActionItems::row, args.toArray());
  }

  private static Map<String, Object> row(java.sql.ResultSet r, int rowNumber) throws java.sql.SQLException {
    Map<String, Object> item = new java.util.LinkedHashMap<>();
    item.put("id", r.getString("id"));
    item.put("caseNumber", r.getString("case_number"));
    item.put("clientId", r.getString("client_id"));
    item.put("clientName", r.getString("client_name"));
    item.put("what", r.getString("what"));
    item.put("owner", r.getString("owner"));
    item.put("ownerUser", r.getString("owner_user"));
    item.put("ownerEmail", r.getString("owner_email"));
    LocalDate due = r.getDate("due_date").toLocalDate();
    item.put("dueDate", due.toString());
    String state = r.getString("state");
    item.put("state", state);
    item.put("overdue", "open".equals(state) && due.isBefore(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    item.put("dropReason", r.getString("drop_reason"));
    item.put("doneNote", r.getString("done_note"));
    item.put("closedBy", r.getString("closed_by"));
    Timestamp closedAt = r.getTimestamp("closed_at");
    item.put("closedAt", closedAt == null ? null : closedAt.toInstant().toString());
    item.put("processInstanceId", r.getString("process_instance_id"));
    return item;
  }

  private Optional<User> user(String id) {
    return Optional.ofNullable(identity.createUserQuery().userId(id).singleResult());
  }
}
