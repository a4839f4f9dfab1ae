package dev.lanyard.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /**
     * HTTP is the outermost layer: services report errors as {@code errors.DomainException}s and check tokens in
     * {@code auth}, and only the wiring class in the root package builds the controllers.
     */
    @ArchTest
    static final ArchRule onlyTheWiringKnowsHttp = noClasses()
            .that().resideOutsideOfPackages("..server.http..", "dev.lanyard.server")
            .should().dependOnClassesThat().resideInAPackage("..server.http..");

    /** The domain's errors know nothing of the packages that throw or map them. */
    @ArchTest
    static final ArchRule errorsDependOnNothingOfTheServer = noClasses()
            .that().resideInAPackage("..server.errors..")
            .should().dependOnClassesThat().resideOutsideOfPackages("..server.errors..", "java..");

    /**
     * Every package of the server, sub-packages included, sits in a layer: no two depend on each other.
     * jOOQ's generated schema classes refer to each other across their packages by design and are left out.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lanyard.server.(**)").should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage("..server.db.jooq.."), resideInAPackage("..server.db.jooq.."));
}
