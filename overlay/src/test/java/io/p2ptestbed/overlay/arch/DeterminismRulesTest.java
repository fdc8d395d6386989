package io.p2ptestbed.overlay.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import io.p2ptestbed.overlay.arch.fixture.SeededFixture;
import io.p2ptestbed.overlay.arch.fixture.WallClockFixture;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.node.NodeMain;
import io.p2ptestbed.overlay.time.SystemClock;
import io.p2ptestbed.overlay.transport.netty.EventLoopScheduler;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the determinism rule over the production classes of the overlay (and the adversary, once
 * its classes are on this classpath; the adversary module depends on overlay, so its own build must
 * run the same {@link DeterminismRules}). The rule is also run against fixtures to prove it bites.
 */
class DeterminismRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.overlay", "io.p2ptestbed.adversary");
    }

    @Test
    void productionClasses_shouldBeImportedSoThatTheRuleIsNotVacuous() {
        assertThat(production.contain(KademliaNode.class)).isTrue();
        assertThat(production.contain(SystemClock.class)).isTrue();
        assertThat(production.contain(NodeMain.class)).isTrue();
        assertThat(production.contain(EventLoopScheduler.class)).isTrue();
        assertThat(production.contain(WallClockFixture.class)).as("test fixtures are excluded").isFalse();
    }

    @Test
    void noProductionClassButSystemClock_shouldReadTheWallClockOrUnseededRandomness() {
        DeterminismRules.ONLY_SYSTEM_CLOCK_READS_TIME_OR_ENTROPY.check(production);
    }

    @Test
    void protocolCode_shouldStayOffSocketsAndTheSystemClock() {
        DeterminismRules.PROTOCOL_CODE_STAYS_OFF_SOCKETS_AND_THE_SYSTEM_CLOCK.check(production);
    }

    @Test
    void systemClock_shouldBeTheOneClassAllowedToReadTheClock() {
        JavaClasses clock = new ClassFileImporter().importClasses(SystemClock.class, EventLoopScheduler.class);
        assertThat(DeterminismRules.ONLY_SYSTEM_CLOCK_READS_TIME_OR_ENTROPY.evaluate(clock).getFailureReport().getDetails())
                .isEmpty();
        // ...and the exception is by name only: the same calls anywhere else are violations.
        assertThat(clock.get(SystemClock.class).getAccessesFromSelf())
                .anySatisfy(a -> assertThat(a.getTarget().getName()).isEqualTo("nanoTime"));
    }

    @Test
    void rule_shouldReportEveryForbiddenSourceInAViolatingClass() {
        JavaClasses fixture = new ClassFileImporter().importClasses(WallClockFixture.class);
        EvaluationResult result = DeterminismRules.ONLY_SYSTEM_CLOCK_READS_TIME_OR_ENTROPY.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        for (String method : List.of("millis()", "nanos()", "instant()", "localDateTime()", "unseededRandom()",
                "threadLocalRandom()", "mathRandom()", "mathLog()", "unseededSplittable()", "secureRandom()",
                "strongSecureRandom()", "millisReference()", "randomConstructorReference()", "sleep()")) {
            assertThat(details).as("violation reported for %s", method)
                    .anySatisfy(d -> assertThat(d).contains(WallClockFixture.class.getName() + "." + method));
        }
        assertThat(details).anySatisfy(d -> assertThat(d).contains("System.currentTimeMillis()"));
        assertThat(details).anySatisfy(d -> assertThat(d).contains("ThreadLocalRandom.current()"));
        assertThat(details).anySatisfy(d -> assertThat(d).contains("SecureRandom.<init>()"));
    }

    @Test
    void rule_shouldFailTheBuildWhenCheckedAgainstAViolatingClass() {
        JavaClasses fixture = new ClassFileImporter().importClasses(WallClockFixture.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DeterminismRules.ONLY_SYSTEM_CLOCK_READS_TIME_OR_ENTROPY.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("System.currentTimeMillis()");
    }

    @Test
    void rule_shouldAcceptSeededGeneratorsAndAnInjectedClock() {
        JavaClasses fixture = new ClassFileImporter().importClasses(SeededFixture.class);
        EvaluationResult result = DeterminismRules.ONLY_SYSTEM_CLOCK_READS_TIME_OR_ENTROPY.evaluate(fixture);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }
}
