package dev.lanyard.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.lanyard.model.files.DurableH2Files;

/**
 * shared-model is the contract every other module builds on: it depends on the JDK and Jackson only, and one file
 * system adapter on H2's (ADR 0011), which the two modules with a database share.
 */
@AnalyzeClasses(packages = "dev.lanyard.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** DurableH2Files and its nested classes. */
    private static final String FILE_ADAPTER = DurableH2Files.class.getName().replace(".", "\\.") + "(\\$.*)?";

    @ArchTest
    static final ArchRule dependsOnNothingButJacksonAndTheJdk = classes()
            .that().resideInAPackage("dev.lanyard.model..")
            .and().haveNameNotMatching(FILE_ADAPTER)
            .should().onlyDependOnClassesThat()
            // javax.crypto is the JDK's too (PairingCodes' HMAC)
            .resideInAnyPackage("dev.lanyard.model..", "java..", "javax.crypto..", "com.fasterxml.jackson..");

    /** H2 is an optional dependency: the adapter reaches for its file system API and nothing else of it. */
    @ArchTest
    static final ArchRule theFileAdapterUsesH2sFileSystemOnly = classes()
            .that().haveNameMatching(FILE_ADAPTER)
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.lanyard.model.files", "java..", "org.h2.store.fs..");

    @ArchTest
    static final ArchRule mergeRulesDoNotReachForTheWire = classes()
            .that().resideInAPackage("dev.lanyard.model.merge..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.lanyard.model", "dev.lanyard.model.clock..", "dev.lanyard.model.merge..",
            "java..");

    /** Every module's packages are free of cycles (issue 18): a package can be read without its dependents. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lanyard.model.(**)").should()
            .beFreeOfCycles();
}
