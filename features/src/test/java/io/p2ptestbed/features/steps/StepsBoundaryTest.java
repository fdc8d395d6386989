package io.p2ptestbed.features.steps;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The neutral steps and their worlds use the overlay SPI only (issue 11, item 2): sentences that belong to
 * one overlay live in {@code steps.kademlia}, {@code steps.chord} (and their worlds in {@code world.kademlia}).
 */
class StepsBoundaryTest {

    /** Every registered overlay's package (a new overlay is covered when it registers), and Kademlia's own. */
    static final String[] PROTOCOL_PACKAGES = java.util.stream.Stream.concat(
            io.p2ptestbed.overlay.spi.Protocols.names().stream().map(n -> ".." + n.toLowerCase(java.util.Locale.ROOT) + ".."),
            java.util.stream.Stream.of("..kademlia..", "..chord..", "io.p2ptestbed.overlay.krpc..",
                    "io.p2ptestbed.overlay.bencode..", "io.p2ptestbed.overlay.defence.."))
            .distinct().toArray(String[]::new);

    /** Freeze list: neutral step and world classes still allowed to use a protocol package, each with why. */
    /** Classes allowed to break the rule for now: none left. */
    static final Set<String> FROZEN = Set.of();

    static final ArchRule NEUTRAL_STEPS_USE_THE_SPI_ONLY = noClasses()
            .that().resideInAnyPackage("io.p2ptestbed.features.steps..", "io.p2ptestbed.features.world..")
            .and().resideOutsideOfPackages(PROTOCOL_PACKAGES)
            .and(DescribedPredicate.not(DescribedPredicate.describe("on the freeze list",
                    (JavaClass c) -> FROZEN.contains(c.getName().replaceAll("\\$.*", "")))))
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL_PACKAGES)
            .because("one Gherkin vocabulary on every overlay: sentences of one overlay live in its step classes");

    @Test
    void neutralSteps_shouldUseTheSpiOnly() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.features");
        assertThat(classes.contain(NetworkSteps.class)).isTrue();
        for (String name : FROZEN) {
            assertThat(classes.contain(name)).as("frozen class %s exists", name).isTrue();
        }
        NEUTRAL_STEPS_USE_THE_SPI_ONLY.check(classes);
    }
}
