package dev.trafficlight;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core knows no transport, and transports do not know each other. */
class ArchitectureTest {
  /** Imported once for every rule: importing is what takes the time. */
  private static final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.trafficlight");

  @Test
  void the_core_imports_nothing_of_a_transport_or_web_framework() {
    noClasses().that().resideInAPackage("dev.trafficlight.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.javalin..", "okhttp3..", "okio..", "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet..",
            "java.net.http..", "com.sun.net.httpserver..", "picocli..",
            "dev.trafficlight.http..", "dev.trafficlight.matrix..", "dev.trafficlight.status..",
            "dev.trafficlight.cli..", "dev.trafficlight.server..", "dev.trafficlight.wire..", "dev.trafficlight.store..")
        .check(classes);
  }

  @Test
  void the_journal_knows_the_engine_by_its_store_port_and_views_only() {
    noClasses().that().resideInAPackage("dev.trafficlight.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.trafficlight.core.engine..", "dev.trafficlight.http..",
            "dev.trafficlight.matrix..", "dev.trafficlight.status..", "dev.trafficlight.server..", "dev.trafficlight.cli..",
            "io.javalin..", "okhttp3..")
        .check(classes);
  }

  @Test
  void the_http_transport_does_not_know_the_matrix_transport() {
    noClasses().that().resideInAPackage("dev.trafficlight.http..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.trafficlight.matrix..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void the_status_page_knows_no_transport() {
    noClasses().that().resideInAnyPackage("dev.trafficlight.status..", "dev.trafficlight.report..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.trafficlight.http..", "dev.trafficlight.matrix..")
        .check(classes);
  }

  @Test
  void the_matrix_transport_does_not_know_the_http_transport() {
    noClasses().that().resideInAPackage("dev.trafficlight.matrix..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.trafficlight.http..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void transports_reach_the_engine_through_the_port_only() {
    noClasses().that().resideInAnyPackage("dev.trafficlight.http..", "dev.trafficlight.matrix..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.trafficlight.core.engine..", "dev.trafficlight.core.view..", "dev.trafficlight.core.scenario..")
        .check(classes);
  }

  @Test
  void the_scenario_language_does_not_know_the_engine_that_runs_it() {
    noClasses().that().resideInAPackage("dev.trafficlight.core.scenario..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.trafficlight.core.engine..", "dev.trafficlight.core.view..", "dev.trafficlight.core.port..")
        .check(classes);
  }

  @Test
  void watchers_read_through_the_query_interface_not_the_engine() {
    noClasses().that().resideInAnyPackage("dev.trafficlight.status..", "dev.trafficlight.report..")
        .should().dependOnClassesThat().resideInAPackage("dev.trafficlight.core.engine..")
        .check(classes);
  }

  @Test
  void the_simulated_clients_know_the_coordinator_only_by_its_wire() {
    noClasses().that().resideInAPackage("dev.trafficlight.demo..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.trafficlight.core.engine..", "dev.trafficlight.core.port..",
            "dev.trafficlight.http..", "dev.trafficlight.matrix..", "dev.trafficlight.status..", "dev.trafficlight.server..",
            "dev.trafficlight.cli..")
        .check(classes);
  }

  @Test
  void the_demo_homeserver_knows_nothing_of_the_coordinator() {
    noClasses().that().resideInAPackage("dev.trafficlight.homeserver..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.trafficlight.core.engine..", "dev.trafficlight.core.port..",
            "dev.trafficlight.core.view..", "dev.trafficlight.core.scenario..", "dev.trafficlight.http..",
            "dev.trafficlight.matrix..", "dev.trafficlight.status..", "dev.trafficlight.server..", "dev.trafficlight.cli..",
            "dev.trafficlight.demo..")
        .check(classes);
  }
}
