package io.p2ptestbed.overlay.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import io.p2ptestbed.overlay.time.SystemClock;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * The determinism rule: one seed derives the whole world, so no code but {@link SystemClock} may read
 * the wall clock, sleep, or draw from an entropy source that was not seeded explicitly.
 */
final class DeterminismRules {

    private DeterminismRules() {}

    private static final Set<String> TIME_TYPES_WITH_NOW = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    /**
     * java.lang.Math's transcendental functions may differ in the last bit between the interpreter and the JIT's
     * intrinsics, so the same seed could draw a different number (seen: a Poisson delay from Math.log moved a
     * 1,000-node Bitcoin run's message count in 1 run of 8). StrictMath gives the same bits everywhere.
     */
    private static final Set<String> NOT_REPRODUCIBLE_MATH = Set.of("log", "log10", "log1p", "exp", "expm1", "pow",
            "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "cbrt", "hypot");

    /** Calls, constructor calls and method references that read wall time or unseeded entropy. */
    static final DescribedPredicate<JavaAccess<?>> READS_WALL_CLOCK_OR_UNSEEDED_ENTROPY =
            new DescribedPredicate<>("read the wall clock, sleep, use unseeded randomness or java.lang.Math's non-reproducible functions") {
                @Override
                public boolean test(JavaAccess<?> access) {
                    return access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target && isForbidden(target);
                }
            };

    static boolean isForbidden(AccessTarget.CodeUnitAccessTarget target) {
        JavaClass ownerClass = (JavaClass) target.getOwner();
        String owner = ownerClass.getName();
        String name = target.getName();
        List<JavaClass> params = target.getRawParameterTypes();
        boolean noArgs = params.isEmpty();
        boolean constructor = name.equals("<init>");
        if (ownerClass.isAssignableTo(SecureRandom.class)) {
            return true;
        }
        if (TIME_TYPES_WITH_NOW.contains(owner) && name.equals("now")) {
            return params.stream().noneMatch(p -> p.getName().equals("java.time.Clock"));
        }
        return switch (owner) {
            case "java.lang.System" -> name.equals("currentTimeMillis") || name.equals("nanoTime");
            case "java.lang.Math" -> name.equals("random") || NOT_REPRODUCIBLE_MATH.contains(name);
            case "java.lang.StrictMath" -> name.equals("random");
            case "java.lang.Thread" -> name.equals("sleep");
            case "java.time.Clock" -> name.startsWith("system");
            case "java.util.Random", "java.util.SplittableRandom" -> constructor && noArgs;
            case "java.util.concurrent.ThreadLocalRandom" -> name.equals("current");
            case "java.util.UUID" -> name.equals("randomUUID");
            case "java.util.random.RandomGenerator" -> name.equals("getDefault") || name.equals("of");
            case "java.util.random.RandomGeneratorFactory" -> name.equals("create") && noArgs;
            default -> false;
        };
    }

    static final ArchRule ONLY_SYSTEM_CLOCK_READS_TIME_OR_ENTROPY = noClasses()
            .that().doNotHaveFullyQualifiedName(SystemClock.class.getName())
            .should().accessTargetWhere(READS_WALL_CLOCK_OR_UNSEEDED_ENTROPY)
            .because("a run must be a pure function of its seed: take time from a Clock/Scheduler and randomness "
                    + "from a generator derived from the seed (DESIGN.md, example 1 and 3), and use StrictMath, not Math, "
                    + "for logarithms, powers and the like");

    /** Protocol code sees time only through Clock/Scheduler and the network only through Transport. */
    static final ArchRule PROTOCOL_CODE_STAYS_OFF_SOCKETS_AND_THE_SYSTEM_CLOCK = noClasses()
            .that().resideInAnyPackage("io.p2ptestbed.overlay.id..", "io.p2ptestbed.overlay.bencode..",
                    "io.p2ptestbed.overlay.krpc..", "io.p2ptestbed.overlay.kademlia..",
                    "io.p2ptestbed.overlay.defence..", "io.p2ptestbed.overlay.transport.sim..",
                    "io.p2ptestbed.overlay.spi..", "io.p2ptestbed.overlay.chord..", "io.p2ptestbed.overlay.pastry..", "io.p2ptestbed.overlay.guard..")
            .should().dependOnClassesThat().haveFullyQualifiedName(SystemClock.class.getName())
            .orShould().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.nio.channels..")
            .because("protocol logic never touches sockets or the wall clock (DESIGN.md, example 1)");
}
