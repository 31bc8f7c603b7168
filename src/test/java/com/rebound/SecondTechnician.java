package com.rebound;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Tina Torres, a second technician (login tina/tina), for tests that hand work from one technician to another. */
public final class SecondTechnician {

  public static final String ID = "tina";

  private SecondTechnician() {
  }

  /** Creates her once in the application's identity store. */
  public static void ensure(IdentityService identity) {
    if (identity.createUserQuery().userId(ID).count() == 0) {
      User tina = identity.newUser(ID);
      tina.setFirstName("Tina");
      tina.setLastName("Torres");
      tina.setEmail("tina@msp.example");
      tina.setPassword(ID);
      identity.saveUser(tina);
      identity.createMembership(ID, "technicians");
    }
  }
}
