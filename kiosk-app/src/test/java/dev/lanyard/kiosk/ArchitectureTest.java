package dev.lanyard.kiosk;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries of kiosk-app's core (docs/design.md "Invariants": no JavaFX in the core). */
@AnalyzeClasses(packages = "dev.lanyard.kiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses().that().resideInAPackage("dev.lanyard.kiosk.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..");

    @ArchTest
    static final ArchRule coreDoesNotKnowItsFrontEnds = noClasses().that().resideInAPackage("dev.lanyard.kiosk.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanyard.kiosk.cli..", "dev.lanyard.kiosk.ui..",
            "picocli..");

    @ArchTest
    static final ArchRule theKioskNeverLinksTheServer = noClasses().that().resideInAPackage("dev.lanyard.kiosk..")
            .should().dependOnClassesThat().resideInAPackage("dev.lanyard.server..");

    @ArchTest
    static final ArchRule storageKnowsNothingOfSyncOrServices = noClasses().that()
            .resideInAPackage("dev.lanyard.kiosk.core.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanyard.kiosk.core.sync..",
                    "dev.lanyard.kiosk.core.search..",
                    "okhttp3..", "org.java_websocket..");

    @ArchTest
    static final ArchRule onlySyncTalksToTheNetwork = noClasses().that().resideInAPackage("dev.lanyard.kiosk..")
            .and().resideOutsideOfPackage("dev.lanyard.kiosk.core.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "org.java_websocket..");

    @ArchTest
    static final ArchRule mergeRulesAreSharedModelsOnly = noClasses().that().resideInAPackage("dev.lanyard.kiosk..")
            .should().haveSimpleNameEndingWith("Merge");

    /** Screens ask core services (reads, reports, badge decisions, settings); they open no transaction (ADR 0320). */
    @ArchTest
    static final ArchRule theUiGoesThroughCoreServices = noClasses().that().resideInAPackage("dev.lanyard.kiosk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanyard.kiosk.core.store..", "org.jooq..");

    /** No two packages need each other (the jOOQ classes generated from the migrations excepted). */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lanyard.kiosk.(**)")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("..core.store.jooq.."), resideInAPackage("..core.store.jooq.."));
}
