package dev.lanyard.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries inside sync-server. */
@AnalyzeClasses(packages = "dev.lanyard.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Business logic knows nothing of HTTP: only the http and realtime layers (and the wiring) see Javalin. */
    @ArchTest
    static final ArchRule servicesDoNotUseJavalin = noClasses()
            .that().resideInAnyPackage("..server.sync..", "..server.auth..", "..server.feed..", "..server.csv..",
                    "..server.db..", "..server.admin..", "..server.calendar..", "..server.report..")
            .should().dependOnClassesThat().resideInAPackage("io.javalin..");

    /** Controllers reach the database only through services. */
    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
            .that().resideInAnyPackage("..server.http..", "..server.realtime..", "..server.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("..server.db.jooq..", "org.jooq..");

    /** The merge rules live in shared-model; the server has no merge code of its own to drift from the kiosk's. */
    @ArchTest
    static final ArchRule noOwnMergeCode = noClasses()
            .that().resideInAPackage("dev.lanyard.server..")
            .should().haveSimpleNameContaining("Merge");
}
