package io.p2ptestbed.features.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.reports.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCsvTest {

    @TempDir
    Path tmp;

    @Test
    void oneSeriesPerDefenceAndD_extraColumnsAndBadRowsIgnored() throws Exception {
        Path csv = tmp.resolve("sweep.csv");
        Files.writeString(csv, """
                defence,d,adversary_fraction,lookup_success,lookups
                none,1,0.0,1.0,200
                none,1,0.2,0.55,200
                "s/kademlia",4,0.0,1.0,200
                s/kademlia,4,0.2,0.97,200
                none,1,oops,0.1,200
                none,1
                """);
        Map<String, List<SweepPoint>> s = SweepCsv.read(csv).orElseThrow();
        assertThat(s.keySet()).containsExactly("none, d=1", "s/kademlia, d=4");
        assertThat(s.get("none, d=1")).containsExactly(new SweepPoint(0.0, 1.0), new SweepPoint(0.2, 0.55));
        assertThat(s.get("s/kademlia, d=4")).hasSize(2);
    }

    @Test
    void withoutTheNeededColumns_orMissing_itIsNotASweep() throws Exception {
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, "time,value\n1,2\n");
        assertThat(SweepCsv.read(other)).isEmpty();
        assertThat(SweepCsv.read(tmp.resolve("absent.csv"))).isEmpty();
        Path onlyHeader = tmp.resolve("header.csv");
        Files.writeString(onlyHeader, "adversary_fraction,lookup_success\n");
        assertThat(SweepCsv.read(onlyHeader)).isEmpty();
    }

    @Test
    void withoutDefenceColumns_oneSeries() throws Exception {
        Path csv = tmp.resolve("plain.csv");
        Files.writeString(csv, "adversary_fraction,lookup_success\n0.1,0.9\n0.3,0.5\n");
        assertThat(SweepCsv.read(csv).orElseThrow()).containsOnlyKeys("lookups");
    }
}
