package dev.lanyard.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** shared-model is the contract every other module builds on: it depends on the JDK and Jackson only. */
@AnalyzeClasses(packages = "dev.lanyard.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNothingButJacksonAndTheJdk = classes()
            .that().resideInAPackage("dev.lanyard.model..")
            .should().onlyDependOnClassesThat()
            // javax.crypto is the JDK's too (PairingCodes' HMAC)
            .resideInAnyPackage("dev.lanyard.model..", "java..", "javax.crypto..", "com.fasterxml.jackson..");

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
