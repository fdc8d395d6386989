package io.p2ptestbed.harness.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol boundary of issue 11: harness and adversary code outside a protocol-named package
 * ({@code ..kademlia..}, {@code ..chord..}, one per registered overlay) uses the overlay SPI only. Kademlia's
 * buckets, KRPC, BEP 42, S/Kademlia, get_peers and announce live in {@code ..harness.kademlia..} and
 * {@code ..adversary.kademlia..}; Chord's in {@code ..chord..}.
 */
public class ProtocolBoundaryTest {

    /**
     * Packages of one overlay: a package named after a registered protocol, plus Kademlia's wire format
     * (KRPC, bencode) and its defences (BEP 42, S/Kademlia puzzles, disjoint paths: {@code overlay.defence}).
     */
    static String[] protocolPackages() {
        Stream<String> named = Protocols.names().stream().map(n -> ".." + n.toLowerCase(java.util.Locale.ROOT) + "..");
        return Stream.concat(named, Stream.of("..kademlia..", "..chord..", "io.p2ptestbed.overlay.krpc..",
                "io.p2ptestbed.overlay.bencode..", "io.p2ptestbed.overlay.defence..")).distinct().toArray(String[]::new);
    }

    /**
     * Freeze list: the only neutral classes still allowed to use a protocol package, each with why. Keep it
     * short; {@link #freezeList_shouldOnlyNameClassesThatStillNeedIt} fails once an entry is no longer needed.
     */
    static final Set<String> FROZEN = Set.of(
            // docker/ is being reworked concurrently (one vocabulary on docker); its Kademlia operations over
            // the control API (lookups, announce, KRPC ping, DefenceSet specs) move to harness.kademlia after
            // that merge (ControlledRuntime: the docker and swarm runtimes' control-interface operations, moved
            // there from DockerRuntime)
            "io.p2ptestbed.harness.docker.ControlClient",
            "io.p2ptestbed.harness.docker.CrossRuntime",
            "io.p2ptestbed.harness.docker.ControlledRuntime");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.harness", "io.p2ptestbed.adversary");
    }

    static DescribedPredicate<JavaClass> frozen() {
        return DescribedPredicate.describe("on the freeze list", c -> FROZEN.contains(topLevel(c).getName()));
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }

    static ArchRule neutral(String module) {
        String[] protocols = protocolPackages();
        return noClasses().that().resideInAPackage("io.p2ptestbed." + module + "..")
                .and().resideOutsideOfPackages(protocols)
                .and(DescribedPredicate.not(frozen()))
                .should().dependOnClassesThat().resideInAnyPackage(protocols)
                .because("neutral " + module + " code uses the overlay SPI only; protocol code lives in packages "
                        + "named after the protocol (issue 11, item 2)");
    }

    @Test
    void neutralHarness_shouldUseTheSpiOnly() {
        assertThat(production.contain("io.p2ptestbed.harness.runtime.LocalRuntime")).isTrue();
        neutral("harness").check(production);
    }

    @Test
    void neutralAdversary_shouldUseTheSpiOnly() {
        assertThat(production.contain("io.p2ptestbed.adversary.sybil.SybilSet")).isTrue();
        neutral("adversary").check(production);
    }

    @Test
    void freezeList_shouldOnlyNameClassesThatStillNeedIt() {
        String[] protocols = protocolPackages();
        List<String> stale = new ArrayList<>();
        for (String name : FROZEN) {
            boolean uses = production.contain(name) && production.stream()
                    .filter(c -> topLevel(c).getName().equals(name))
                    .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                    .map(Dependency::getTargetClass)
                    .anyMatch(t -> com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(protocols).test(t));
            if (!uses) {
                stale.add(name);
            }
        }
        assertThat(stale).as("no longer use a protocol package: remove them from FROZEN").isEmpty();
    }
}
