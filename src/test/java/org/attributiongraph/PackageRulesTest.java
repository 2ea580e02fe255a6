package org.attributiongraph;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Where things live: the feature packages and the record-wide support beside them at the bottom, and the edge (the
 * HTTP door, the engine's instrumentations, the response cache) on top. Nothing imports upwards, and no packages
 * import each other in a circle. Plain JUnit tests: ArchUnit's own JUnit engine finds no tests on the JUnit
 * Platform 6 that Quarkus runs.
 */
class PackageRulesTest {

    private static final String[] EDGE = ours("http", "instrumentation", "caching", "readiness", "metrics");
    private static final String[] FEATURES = ours("party", "action", "source", "dataset");
    private static final String[] SUPPORT = ours("errors", "paging", "batching", "limits", "writing", "audit",
            "storable", "tracing", "database", "live", "cancellation");

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.attributiongraph");

    @Test
    void featuresImportNothingFromTheEdge() {
        noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat().resideInAnyPackage(EDGE)
                .check(PRODUCT);
    }

    @Test
    void supportImportsNeitherFeaturesNorTheEdge() {
        noClasses().that().resideInAnyPackage(SUPPORT)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAnyPackage(EDGE)
                .check(PRODUCT);
    }

    @Test
    void errorsImportNothingOfOurs() {
        noClasses().that().resideInAPackage("org.attributiongraph.errors..")
                .should().dependOnClassesThat(resideInAPackage("org.attributiongraph..")
                        .and(resideOutsideOfPackage("org.attributiongraph.errors..")))
                .check(PRODUCT);
    }

    @Test
    void everyPackageHasItsPlace() {
        classes().that().resideInAPackage("org.attributiongraph..").and().resideOutsideOfPackage("org.attributiongraph")
                .should().resideInAnyPackage(concat(EDGE, FEATURES, SUPPORT))
                .because("a new package is placed deliberately: in the edge, the features or the support below them")
                .check(PRODUCT);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.attributiongraph.(*)..").should().beFreeOfCycles().check(PRODUCT);
    }

    private static String[] ours(String... packages) {
        return Arrays.stream(packages).map(name -> "org.attributiongraph." + name + "..").toArray(String[]::new);
    }

    private static String[] concat(String[]... layers) {
        return Arrays.stream(layers).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
