package io.p2ptestbed.overlay.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.p2ptestbed.overlay.spi.OverlayNode;
import io.p2ptestbed.overlay.spi.Protocols;
import org.junit.jupiter.api.Test;

/** The overlay SPI is protocol-neutral: it imports no protocol package, and the registry finds the built-ins. */
class SpiBoundaryTest {

    static final ArchRule SPI_IMPORTS_NO_PROTOCOL = noClasses()
            .that().resideInAPackage("io.p2ptestbed.overlay.spi..")
            .should().dependOnClassesThat().resideInAnyPackage("io.p2ptestbed.overlay.kademlia..",
                    "io.p2ptestbed.overlay.krpc..", "io.p2ptestbed.overlay.bencode..", "io.p2ptestbed.overlay.chord..", "io.p2ptestbed.overlay.pastry..", "io.p2ptestbed.overlay.ethereum..",
                    "io.p2ptestbed.overlay.defence..", "io.p2ptestbed.overlay.node..")
            .because("the SPI is public API that every overlay plugs into (issue: one testbed for many overlays)");

    @Test
    void spi_shouldImportNoProtocolPackage() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.overlay");
        assertThat(classes.contain(OverlayNode.class)).isTrue();
        SPI_IMPORTS_NO_PROTOCOL.check(classes);
    }

    @Test
    void registry_shouldFindKademliaAndNameTheKnownOnesForAnUnknownName() {
        assertThat(Protocols.names()).contains("kademlia");
        assertThat(Protocols.get("Kademlia").keySpace().name()).isEqualTo("xor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Protocols.get("napster"))
                .hasMessageContaining("unknown overlay protocol 'napster'").hasMessageContaining("kademlia");
    }

    @Test
    void params_shouldNameAnUnknownParameterAndABadValue() {
        var kad = Protocols.get("kademlia");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kad.params(java.util.Map.of("kk", "3")))
                .hasMessageContaining("unknown parameter 'kk' for protocol kademlia").hasMessageContaining("alpha");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kad.params(java.util.Map.of("k", "0")))
                .hasMessageContaining("'k'").hasMessageContaining("[1, 64]");
        assertThat(kad.params(java.util.Map.of("k", "20")).intValue("k", 1, 64)).isEqualTo(20);
    }
}
