package dev.lanyard.rehearsal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rehearsal drives the kiosk's core and runs the server only as a process (ADR 0213). */
@AnalyzeClasses(packages = "dev.lanyard.rehearsal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule noServerCode = noClasses().should().dependOnClassesThat()
            .resideInAPackage("dev.lanyard.server..")
            .because(
            "the server runs as a child process (or is given by --url), as a host runs it; linking it would measure "
            + "something else");

    @ArchTest
    static final ArchRule noKioskUi = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.lanyard.kiosk.ui..", "javafx..")
            .because("doors are the kiosk's core without its window");
}
