package com.rebound.clients;

import com.rebound.settings.ReboundSettings;
import com.rebound.cluster.StartupLock;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * With the demo accounts ({@code rebound.demo-users=true}): the two clients of the article, a
 * three-person bricklaying firm and a 25-person administration office in Madrid (its clocks skip Spain's and the Community
 * of Madrid's public holidays; it keeps its clients' personal data: GDPR, 24 h processor deadline), and one larger client (GDPR
 * with 48 h, and an important entity under NIS2), and a credit union under DORA.
 * Created once (nodes starting together, one after the other); edits made afterwards are kept.
 */
@Component
class DemoClients implements InitializingBean {

  private static final Client.BusinessHours OFFICE_HOURS =
      new Client.BusinessHours("MON,TUE,WED,THU,FRI", "08:00", "18:00", "Europe/Madrid", true, "ES-MD");

  static final List<Client> DEMO = List.of(
      new Client("ladrillos-garcia", "Construcciones y Ladrillos García", "Construction", 3, "basic", 240, 48, 24,
          OFFICE_HOURS, "es",
          List.of(new Client.Contact("Juan García", "juan@ladrillosgarcia.example", "+34 600 111 222", "Owner", true)),
          Set.of(), Client.Legal.NONE, null, null, null, null),
      new Client("gestoria-lopez", "Gestoría López", "Administration and accounting", 25, "high", 60, 8, 4,
          OFFICE_HOURS, "es",
          List.of(new Client.Contact("Luisa López", "luisa@gestorialopez.example", "+34 600 333 444", "Office manager", true),
              new Client.Contact("Pedro Ruiz", "pedro@gestorialopez.example", null, "Senior accountant", false)),
          Set.of("backup", "ups", "endpointProtection"),
          new Client.Legal(true, 24, "Luisa López (DPO)", "dpo@gestorialopez.example", "none", null, false), null, null, null, null),
      new Client("northwind-logistics", "Northwind Logistics", "Logistics and warehousing", 180, "critical", 30, 4, 1,
          new Client.BusinessHours("MON,TUE,WED,THU,FRI,SAT,SUN", "00:00", "23:59", "Europe/Madrid", false), "en",
          List.of(new Client.Contact("Emma Clarke", "emma.clarke@northwind.example", "+44 20 7946 0000", "IT director", true),
              new Client.Contact("Service desk", "it@northwind.example", "+44 20 7946 0001", "On-call desk", false)),
          Set.of("backup", "offsiteCopy", "ups", "endpointProtection", "monitoring", "mfa"),
          new Client.Legal(true, 48, "Data Protection Office", "dpo@northwind.example", "important", "INCIBE-CERT", false),
          null, null, null, null),
      new Client("credito-sierra", "Cooperativa de Crédito Sierra", "Financial services (credit union)", 60, "critical", 30, 4, 1,
          OFFICE_HOURS, "es",
          List.of(new Client.Contact("Marta Sanz", "marta.sanz@creditosierra.example", "+34 600 555 666", "Head of IT", true)),
          Set.of("backup", "offsiteCopy", "endpointProtection", "monitoring", "mfa", "patchManagement"),
          new Client.Legal(true, 24, "Delegado de Protección de Datos", "dpd@creditosierra.example", "none", null, true),
          null, null, null, null));

  private final ClientService clients;
  private final StartupLock startupLock;
  private final boolean demo;

  DemoClients(ClientService clients, StartupLock startupLock, ReboundSettings settings) {
    boolean demo = settings.demoUsers();
    this.clients = clients;
    this.startupLock = startupLock;
    this.demo = demo;
  }

  @Override
  public void afterPropertiesSet() {
    if (demo) {
      startupLock.exclusively(() -> DEMO.stream().filter(c -> clients.find(c.id()).isEmpty()).forEach(clients::create));
    }
  }
}
