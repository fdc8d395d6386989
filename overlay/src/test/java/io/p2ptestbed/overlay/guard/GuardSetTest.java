package io.p2ptestbed.overlay.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuardSetTest {

    @Test
    void parse_shouldReadBothDefencesAndNameUnknownOnes() {
        GuardSet g = GuardSet.parse("rate-limit(ip=5,burst=10), ip-diversity(table=2)");
        assertThat(g.specs()).containsExactly(new GuardSpec.RateLimit(5, 10, 0, 1), new GuardSpec.IpDiversity(2, 24));
        assertThat(GuardSet.parse("none").specs()).isEmpty();
        assertThatThrownBy(() -> GuardSet.parse("bep42")).hasMessageContaining("unknown neutral defence 'bep42'");
        assertThatThrownBy(() -> GuardSet.parse("rate-limit(ipp=3)")).hasMessageContaining("no parameter 'ipp'");
        assertThatThrownBy(() -> GuardSet.parse("rate-limit(ip=x)")).hasMessageContaining("ip must be a number");
        assertThatThrownBy(() -> GuardSet.parse("ip-diversity(table=0)")).hasMessageContaining("table >= 1");
    }

    @Test
    void rateLimit_shouldAdmitTheBurstThenTheRatePerSource() {
        SourceRateLimit r = new SourceRateLimit(new GuardSpec.RateLimit(10, 5, 0, 1));
        NodeAddress a = NodeAddress.of(127, 9, 0, 1, 7000);
        NodeAddress b = NodeAddress.of(127, 9, 0, 2, 7000);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += r.admit(a, 0) ? 1 : 0;
        }
        assertThat(admitted).as("burst of 5 at one instant").isEqualTo(5);
        assertThat(r.admit(b, 0)).as("another IP has its own bucket").isTrue();
        int later = 0;
        for (long t = 1; t <= 1000; t++) {
            later += r.admit(a, t) ? 1 : 0;
        }
        assertThat(later).as("10 per second afterwards").isEqualTo(10);
        assertThat(r.counters().get("rate_limit.dropped")).isEqualTo(95 + 990);
        // only a, held back, counts as limited: its 1,100 requests, 15 of them admitted; b's one request is not counted
        assertThat(r.counters()).containsEntry("rate_limit.limited_sources", 1L)
                .containsEntry("rate_limit.limited.requests", 1100L).containsEntry("rate_limit.limited.admitted", 15L);
    }

    @Test
    void ipDiversity_shouldRefuseTheThirdContactOfOneSlash24() {
        List<Contact> table = new ArrayList<>();
        PrefixLimit p = new PrefixLimit(new GuardSpec.IpDiversity(2, 24), () -> table);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 1; i <= 3; i++) {
            Contact c = new Contact(NodeId.random(rng), NodeAddress.of(127, 9, 9, i, 7000));
            if (p.test(c)) {
                table.add(c);
            }
        }
        assertThat(table).hasSize(2);
        assertThat(p.test(table.get(0))).as("a contact already held stays").isTrue();
        assertThat(p.test(new Contact(NodeId.random(rng), NodeAddress.of(127, 9, 8, 1, 7000)))).isTrue();
        assertThat(p.counters().get("ip_diversity.refused")).isEqualTo(1);
    }
}
