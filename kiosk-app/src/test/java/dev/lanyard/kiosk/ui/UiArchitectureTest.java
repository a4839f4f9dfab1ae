package dev.lanyard.kiosk.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** MVVM boundaries of the UI (brief: ViewModels never import javafx.scene; the core never imports JavaFX). */
@AnalyzeClasses(packages = "dev.lanyard.kiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {
    @ArchTest
    static final ArchRule viewModelsHaveNoScene = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..",
            "javafx.animation..");

    @ArchTest
    static final ArchRule onlyViewsTouchTheScene = noClasses().that().resideInAPackage("dev.lanyard.kiosk.ui..")
            .and().haveSimpleNameNotEndingWith("View")
            .and().doNotHaveSimpleName("AppShell").and().doNotHaveSimpleName("KioskApp").and()
            .doNotHaveSimpleName("Fonts")
            .and().doNotHaveSimpleName("ViewLoader").and().doNotHaveSimpleName("Screen").and()
            .doNotHaveSimpleName("ScanField").and().doNotHaveSimpleName("ScanGuard")
            .and().areNotNestedClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..",
            "javafx.animation..");

    @ArchTest
    static final ArchRule coreAndCliHaveNoJavaFx = noClasses().that()
            .resideInAnyPackage("dev.lanyard.kiosk.core..", "dev.lanyard.kiosk.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..");

    @ArchTest
    static final ArchRule nobodyButTheUiKnowsTheUi = noClasses().that().resideOutsideOfPackage("dev.lanyard.kiosk.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.lanyard.kiosk.ui..");

    /** Key rhythm is timed on a monotonic clock: a wall clock set back (NTP, staff) kept a scan from ever ending. */
    @ArchTest
    static final ArchRule scanTimingReadsNoWallClock = noClasses().that().resideInAPackage("dev.lanyard.kiosk.ui.scan")
            .should().callMethod(System.class, "currentTimeMillis");

    @ArchTest
    static final ArchRule viewModelsLiveNextToTheirViews = classes().that().haveSimpleNameEndingWith("ViewModel")
            .and().doNotHaveSimpleName("SyncBarViewModel")
            .should().resideInAPackage("dev.lanyard.kiosk.ui.*");
}
