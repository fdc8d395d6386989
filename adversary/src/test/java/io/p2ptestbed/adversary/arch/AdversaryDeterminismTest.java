package io.p2ptestbed.adversary.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.p2ptestbed.adversary.kademlia.dos.Flood;
import io.p2ptestbed.adversary.kademlia.peer.ScriptedPeer;
import java.security.SecureRandom;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attack code is protocol code: no adversary class may read the wall clock, sleep, start threads or
 * draw unseeded randomness (the same rule as the overlay's {@code DeterminismRules}, which lives in that
 * module's tests), and none may touch sockets or Netty directly: everything goes through a Transport.
 */
class AdversaryDeterminismTest {

    private static JavaClasses production;

    private static final Set<String> TIME_TYPES_WITH_NOW = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime");

    static boolean isForbidden(AccessTarget.CodeUnitAccessTarget target) {
        JavaClass ownerClass = (JavaClass) target.getOwner();
        String owner = ownerClass.getName();
        String name = target.getName();
        boolean noArgs = target.getRawParameterTypes().isEmpty();
        if (ownerClass.isAssignableTo(SecureRandom.class)) {
            return true;
        }
        if (TIME_TYPES_WITH_NOW.contains(owner) && name.equals("now")) {
            return true;
        }
        return switch (owner) {
            case "java.lang.System" -> name.equals("currentTimeMillis") || name.equals("nanoTime");
            case "java.lang.Math", "java.lang.StrictMath" -> name.equals("random");
            case "java.lang.Thread" -> name.equals("sleep") || name.equals("<init>") || name.startsWith("ofVirtual")
                    || name.startsWith("startVirtual");
            case "java.time.Clock" -> name.startsWith("system");
            case "java.util.Random", "java.util.SplittableRandom" -> name.equals("<init>") && noArgs;
            case "java.util.concurrent.ThreadLocalRandom" -> name.equals("current");
            case "java.util.concurrent.Executors" -> true;
            case "java.util.UUID" -> name.equals("randomUUID");
            case "java.util.random.RandomGenerator" -> name.equals("getDefault") || name.equals("of");
            default -> false;
        };
    }

    static final ArchRule NO_WALL_CLOCK_THREADS_OR_UNSEEDED_RANDOMNESS = noClasses()
            .should().accessTargetWhere(new DescribedPredicate<JavaAccess<?>>("read the wall clock, sleep, start threads or use unseeded randomness") {
                @Override
                public boolean test(JavaAccess<?> access) {
                    return access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget t && isForbidden(t);
                }
            })
            .because("attacks run on the Scheduler handed in and draw from the seeded generator handed in");

    static final ArchRule NO_SOCKETS = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.nio.channels..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.p2ptestbed.overlay.time.SystemClock")
            .because("attackers speak through a Transport so that they run on every runtime");

    @BeforeAll
    static void importProduction() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.adversary");
    }

    @Test
    void theRulesSeeTheAdversaryClasses() {
        assertThat(production.contain(Flood.class)).isTrue();
        assertThat(production.contain(ScriptedPeer.class)).isTrue();
        assertThat(production.contain(AdversaryDeterminismTest.class)).isFalse();
    }

    @Test
    void noAdversaryClassReadsTheWallClockSleepsOrDrawsUnseededRandomness() {
        NO_WALL_CLOCK_THREADS_OR_UNSEEDED_RANDOMNESS.check(production);
    }

    @Test
    void noAdversaryClassTouchesSocketsDirectly() {
        NO_SOCKETS.check(production);
    }

    @Test
    void theRuleBitesOnAViolatingClass() {
        JavaClasses bad = new ClassFileImporter().importClasses(Violator.class);
        assertThat(NO_WALL_CLOCK_THREADS_OR_UNSEEDED_RANDOMNESS.evaluate(bad).getFailureReport().getDetails())
                .hasSize(3);
    }

    @SuppressWarnings("unused")
    static final class Violator {
        long now() {
            return System.currentTimeMillis();
        }

        double random() {
            return new java.util.Random().nextDouble();
        }

        void nap() throws InterruptedException {
            Thread.sleep(1);
        }
    }
}
