package com.rebound.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rebound.clients.Client;
import com.rebound.procedure.ProcedureContractException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.identity.User;

/**
 * The action items of a review as the form or a REST call gives them ({@code actionItems}: a JSON list of
 * {what, owner, dueDate}, as Spin JSON, text, or Java list), read and checked: each needs what to do
 * (at most 500 characters), an owner who is a Rebound user (by user id) or one of the client's contacts (by
 * e-mail or name), and a due day that is not before today in the client's time zone. A problem names the
 * item and its field: {@code actionItems[2].owner: ...}.
 */
final class ReviewItems {

  /** The most items one review may create. */
  static final int MAX_ITEMS = 50;
  static final int MAX_WHAT = 500;

  /** An owner: a Rebound user, or a contact of the client. */
  record Owner(String name, String userId, String email) {
  }

  /** An item as it will be tracked: its place in the review (from 1), what, who and by when. */
  record Item(int position, String what, Owner owner, LocalDate due) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReviewItems() {
  }

  /**
   * The items of the value, checked. {@code users} finds a Rebound user by id; {@code client} is the case's
   * client (its contacts may own items); {@code today} is today's date in the client's time zone.
   */
  static List<Item> read(Object value, Function<String, Optional<User>> users, Client client, LocalDate today) {
    List<JsonNode> nodes = nodes(value);
    List<String> problems = new ArrayList<>();
    if (nodes.size() > MAX_ITEMS) {
      problems.add("actionItems has " + nodes.size() + " items; at most " + MAX_ITEMS);
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < nodes.size() && i < MAX_ITEMS; i++) {
      JsonNode node = nodes.get(i);
      String at = "actionItems[" + (i + 1) + "].";
      String what = text(node, "what");
      if (what.isEmpty()) {
        problems.add(at + "what is required: say what is to be done");
      } else if (what.length() > MAX_WHAT) {
        problems.add(at + "what must be at most " + MAX_WHAT + " characters, got " + what.length());
      }
      String ownerText = text(node, "owner");
      Owner owner = null;
      if (ownerText.isEmpty()) {
        problems.add(at + "owner is required: a Rebound user name or the e-mail of one of " + clientName(client) + "'s contacts");
      } else {
        owner = owner(ownerText, users, client);
        if (owner == null) {
          problems.add(at + "owner '" + shorten(ownerText) + "' is neither a Rebound user nor a contact of " + clientName(client)
              + contactsHint(client));
        }
      }
      LocalDate due = null;
      String dueText = text(node, "dueDate").isEmpty() ? text(node, "due") : text(node, "dueDate");
      if (dueText.isEmpty()) {
        problems.add(at + "dueDate is required: the day it must be done by");
      } else {
        try {
          due = LocalDate.parse(dueText.length() > 10 ? dueText.substring(0, 10) : dueText);
          if (due.isBefore(today)) {
            problems.add(at + "dueDate " + due + " is in the past (today is " + today + " for " + clientName(client) + ")");
            due = null;
          }
        } catch (DateTimeParseException e) {
          problems.add(at + "dueDate must be a day such as " + today.plusDays(7) + ", got '" + shorten(dueText) + "'");
        }
      }
      if (what.length() <= MAX_WHAT && !what.isEmpty() && owner != null && due != null) {
        items.add(new Item(i + 1, what, owner, due));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProcedureContractException("'Post-incident review' (postIncidentReview) cannot be completed: "
          + String.join("; ", problems));
    }
    return items;
  }

  /** Today in the client's time zone (its business hours' zone; UTC without one). */
  static LocalDate today(Client client, Date now) {
    ZoneId zone = client == null ? ZoneId.of("UTC") : ZoneId.of(client.businessHours().timeZone());
    return now.toInstant().atZone(zone).toLocalDate();
  }

  private static Owner owner(String text, Function<String, Optional<User>> users, Client client) {
    Optional<User> user = users.apply(text);
    if (user.isPresent()) {
      User u = user.get();
      String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " " + (u.getLastName() == null ? "" : u.getLastName())).trim();
      return new Owner(name.isEmpty() ? u.getId() : name, u.getId(), null);
    }
    if (client != null) {
      for (Client.Contact contact : client.contacts()) {
        if (contact.email().equalsIgnoreCase(text) || contact.name().equalsIgnoreCase(text)) {
          return new Owner(contact.name(), null, contact.email());
        }
      }
    }
    return null;
  }

  private static List<JsonNode> nodes(Object value) {
    List<JsonNode> nodes = new ArrayList<>();
    if (value == null) {
      return nodes;
    }
    JsonNode tree;
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      tree = JSON.valueToTree(value);
    } else {
      String text = String.valueOf(value).trim();   // Spin JSON and text both print as JSON
      if (text.isEmpty()) {
        return nodes;
      }
      try {
        tree = JSON.readTree(text);
      } catch (IOException e) {
        throw new ProcedureContractException("'Post-incident review' (postIncidentReview) cannot be completed: "
            + "actionItems must be a JSON list of {what, owner, dueDate}");
      }
    }
    if (tree == null || tree.isNull()) {
      return nodes;
    }
    if (!tree.isArray()) {
      throw new ProcedureContractException("'Post-incident review' (postIncidentReview) cannot be completed: "
          + "actionItems must be a JSON list of {what, owner, dueDate}");
    }
    tree.forEach(nodes::add);
    return nodes;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? "" : value.asText("").trim();
  }

  private static String clientName(Client client) {
    return client == null ? "the client" : client.name();
  }

  private static String contactsHint(Client client) {
    if (client == null || client.contacts().isEmpty()) {
      return "";
    }
    return " (its contacts: " + String.join(", ", client.contacts().stream().map(Client.Contact::email).toList()) + ")";
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
