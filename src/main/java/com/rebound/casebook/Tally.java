package com.rebound.casebook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The dashboard's counts for one day (and one severity), or for any number of them added up: cases opened that
 * day and their time to respond; cases closed that day and how their recovery went; RTO warnings given that
 * day. Everything in it adds up, so a period's numbers are the sum of its days' tallies (see {@link DayTallies}).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
final class Tally {

  long opened;
  Spread respond = new Spread();
  long closed;
  Spread recover = new Spread();
  Spread rtoUsed = new Spread();
  long rtoMet;
  long rtoLate;
  long rpoCounted;
  long rpoMet;
  long recovered;
  long firstRound;
  long rounds;
  long restorations;
  long unrecoverable;
  long preventionCounted;
  long preventionAccepted;
  long warnings;

  /** The columns {@link #closedCase} reads, in its order. */
  static final String CLOSED_COLUMNS = "recovery_minutes, recovered_at, rto_deadline, rpo_hours, data_loss_hours, acceptance_rounds, "
      + "restored, outcome, prevention_interest, rto_used_minutes";

  void openedCase(Integer responseMinutes) {
    opened++;
    respond.add(responseMinutes);
  }

  /** A closed case, from a row whose columns from {@code first} on are {@link #CLOSED_COLUMNS}. */
  void closedCase(ResultSet rs, int first) throws SQLException {
    closed++;
    recover.add(whole(rs, first));
    Timestamp recoveredAt = rs.getTimestamp(first + 1);
    Timestamp deadline = rs.getTimestamp(first + 2);
    if (recoveredAt != null && deadline != null) {
      if (recoveredAt.after(deadline)) {
        rtoLate++;
      } else {
        rtoMet++;
      }
    }
    Integer rpo = whole(rs, first + 3);
    Integer lost = whole(rs, first + 4);
    if (rpo != null && lost != null) {
      rpoCounted++;
      rpoMet += lost <= rpo ? 1 : 0;
    }
    if (recoveredAt != null) {
      int caseRounds = rs.getInt(first + 5);
      recovered++;
      rounds += caseRounds;
      firstRound += caseRounds == 1 ? 1 : 0;
    }
    restorations += rs.getBoolean(first + 6) ? 1 : 0;
    unrecoverable += "unrecoverable".equals(rs.getString(first + 7)) ? 1 : 0;
    String interest = rs.getString(first + 8);
    if (interest != null) {
      preventionCounted++;
      preventionAccepted += "accepted".equals(interest) ? 1 : 0;
    }
    rtoUsed.add(whole(rs, first + 9));
  }

  void warning() {
    warnings++;
  }

  void add(Tally other) {
    opened += other.opened;
    respond.add(other.respond);
    closed += other.closed;
    recover.add(other.recover);
    rtoUsed.add(other.rtoUsed);
    rtoMet += other.rtoMet;
    rtoLate += other.rtoLate;
    rpoCounted += other.rpoCounted;
    rpoMet += other.rpoMet;
    recovered += other.recovered;
    firstRound += other.firstRound;
    rounds += other.rounds;
    restorations += other.restorations;
    unrecoverable += other.unrecoverable;
    preventionCounted += other.preventionCounted;
    preventionAccepted += other.preventionAccepted;
    warnings += other.warnings;
  }

  /** A whole number column, or null (PostgreSQL's driver gives an INT only as an Integer). */
  static Integer whole(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column) instanceof Number n ? n.intValue() : null;
  }
}
