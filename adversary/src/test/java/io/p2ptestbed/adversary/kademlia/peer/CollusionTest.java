package io.p2ptestbed.adversary.kademlia.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CollusionTest {

    @Test
    void closestMembersMatchesSortingEveryMember() {
        SplittableRandom rng = new SplittableRandom(9);
        Collusion c = new Collusion();
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Contact m = new Contact(NodeId.random(rng), NodeAddress.of(127, 201 + i / 65_536, (i / 256) % 256, i % 256, 6881));
            all.add(m);
            c.register(m);
        }
        for (int round = 0; round < 200; round++) {
            NodeId target = round % 3 == 0 ? all.get(rng.nextInt(all.size())).id() : NodeId.random(rng);
            NodeId exclude = round % 2 == 0 ? all.get(rng.nextInt(all.size())).id() : null;
            int n = 1 + rng.nextInt(20);
            List<Contact> expected = all.stream().filter(m -> !m.id().equals(exclude))
                    .sorted(Comparator.comparing(Contact::id, target::compareDistance)).limit(n).toList();
            assertThat(c.closestMembers(target, n, exclude)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void closestMembersFollowsRegistrations() {
        SplittableRandom rng = new SplittableRandom(10);
        Collusion c = new Collusion();
        Contact a = new Contact(NodeId.random(rng), NodeAddress.parse("127.201.0.1:6881"));
        Contact b = new Contact(NodeId.random(rng), NodeAddress.parse("127.201.0.2:6881"));
        c.register(a);
        assertThat(c.closestMembers(b.id(), 5, null)).containsExactly(a);
        c.register(b);
        assertThat(c.closestMembers(b.id(), 5, null)).containsExactly(b, a);
        c.unregister(b);
        assertThat(c.closestMembers(b.id(), 5, null)).containsExactly(a);
        assertThat(c.closestMembers(b.id(), 5, a.id())).isEmpty();
    }
}
