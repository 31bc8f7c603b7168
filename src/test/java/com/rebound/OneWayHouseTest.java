package com.rebound;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * A one-way house: no package imports another that imports it back, the web's error shape imports nothing
 * of Rebound, and the engine's own rules know nothing of the doors in front of them.
 */
class OneWayHouseTest {

  private static final JavaClasses REBOUND = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.rebound");

  @Test
  void noPackageCycles() {
    slices().matching("com.rebound.(*)..").should().beFreeOfCycles().check(REBOUND);
  }

  @Test
  void theErrorShapeOfTheWebImportsNothingOfRebound() {
    noClasses().that().resideInAPackage("com.rebound.web..").should()
        .dependOnClassesThat(resideInAPackage("com.rebound..").and(not(resideInAPackage("com.rebound.web.."))))
        .check(REBOUND);
  }

  @Test
  void theSettingsImportNothingOfRebound() {
    noClasses().that().resideInAPackage("com.rebound.settings..").should()
        .dependOnClassesThat(resideInAPackage("com.rebound..").and(not(resideInAPackage("com.rebound.settings.."))))
        .check(REBOUND);
  }

  @Test
  void theEngineRulesKnowNothingOfTheDoors() {
    noClasses().that().resideInAnyPackage("com.rebound.engineguard..", "com.rebound.procedure..").should()
        .dependOnClassesThat().resideInAnyPackage("com.rebound.security..", "com.rebound.enginerest..")
        .check(REBOUND);
  }

  @Test
  void nothingImportsTheEnginePluginThatWiresEverything() {
    noClasses().that().resideOutsideOfPackage("com.rebound.engine..").should()
        .dependOnClassesThat().resideInAPackage("com.rebound.engine..").check(REBOUND);
  }
}
