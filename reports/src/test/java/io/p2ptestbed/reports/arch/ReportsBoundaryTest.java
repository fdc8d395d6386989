package io.p2ptestbed.reports.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Reports draw any overlay: no report class uses a protocol package (issue 11, item 2). */
class ReportsBoundaryTest {

    static final ArchRule REPORTS_USE_NO_PROTOCOL = noClasses()
            .that().resideInAPackage("io.p2ptestbed.reports..")
            .should().dependOnClassesThat().resideInAnyPackage("..kademlia..", "..chord..", "io.p2ptestbed.overlay.krpc..",
                    "io.p2ptestbed.overlay.bencode..", "io.p2ptestbed.overlay.defence..", "..ethereum..")
            .because("reports take neutral data (graphs, rings, metrics) whatever the overlay");

    @Test
    void reports_shouldUseNoProtocolPackage() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.p2ptestbed.reports");
        assertThat(classes.contain("io.p2ptestbed.reports.RunReport")).isTrue();
        REPORTS_USE_NO_PROTOCOL.check(classes);
    }
}
