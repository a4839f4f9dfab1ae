package dev.lanyard.print;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's boundaries: encoders are pure, transports only move bytes. */
@AnalyzeClasses(packages = "dev.lanyard.print", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] PURE = {"..print.media..", "..print.model..", "..print.raster..", "..print.badge..",
            "..print.brother..", "..print.dymo.."};

    @ArchTest
    static final ArchRule encodersDoNotTouchTransports = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().resideInAnyPackage("..print.transport..", "..print.driver..",
                    "..print.queue..",
                    "..print.sim..", "..print.cli..", "com.fazecast..", "java.net..", "java.nio.file..",
                    "java.nio.channels..")
            .because("encoders are pure: job and bitmaps in, bytes out");

    @ArchTest
    static final ArchRule encodersUseOnlyByteStreams = noClasses().that().resideInAnyPackage(PURE)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
            .because("encoders work on bytes in memory; files belong to transports and the CLI");

    @ArchTest
    static final ArchRule transportsOnlyMoveBytes = noClasses().that().resideInAPackage("..print.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("..print.brother..", "..print.dymo..", "..print.badge..",
                    "..print.raster..", "..print.model..", "..print.media..", "..print.driver..", "..print.queue..",
                    "..print.sim..")
            .because("transports know nothing of printer languages");

    @ArchTest
    static final ArchRule onlyTheSerialTransportUsesJSerialComm = noClasses().that()
            .resideOutsideOfPackage("..print.transport..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast..");

    @ArchTest
    static final ArchRule theLibraryDoesNotDependOnTheCommandLine = noClasses().that()
            .resideOutsideOfPackage("..print.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("..print.cli..", "picocli..");

    @ArchTest
    static final ArchRule productionCodeDoesNotUseTheSimulator = noClasses().that()
            .resideInAnyPackage("..print.driver..", "..print.queue..",
            "..print.transport..", "..print.brother..", "..print.dymo..", "..print.badge..")
            .should().dependOnClassesThat().resideInAPackage("..print.sim..");

    /** Every module's packages are free of cycles (issue 18): a package can be read without its dependents. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lanyard.print.(**)").should()
            .beFreeOfCycles();
}
