package io.p2ptestbed.overlay.defence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Defences and the Kademlia core read time only from the node's scheduler and draw randomness only from the node's generator. */
class DefenceDeterminismRulesTest {

    private final JavaClasses protocol = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.p2ptestbed.overlay.defence", "io.p2ptestbed.overlay.kademlia");

    @Test
    void protocolCode_shouldNeverReadTheWallClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().belongToAnyOf(java.time.Clock.class)
                .check(protocol);
    }

    @Test
    void protocolCode_shouldNeverCreateItsOwnRandomness() {
        noClasses().should().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().belongToAnyOf(java.util.Random.class,
                        java.util.concurrent.ThreadLocalRandom.class, java.security.SecureRandom.class,
                        java.util.SplittableRandom.class)
                .check(protocol);
    }
}
