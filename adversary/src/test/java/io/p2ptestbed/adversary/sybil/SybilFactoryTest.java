package io.p2ptestbed.adversary.sybil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.adversary.lab.OutsideLabException;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SybilFactoryTest {

    private final SybilFactory factory = new SybilFactory(new SplittableRandom(42), LabGuard.loopbackOnly());
    private final NodeId key = NodeId.random(new SplittableRandom(7));

    @Test
    void nearKeyIdsShareAtLeastTheRequestedPrefix() {
        SybilSet set = factory.create(SybilSpec.of(50, new Placement.NearKey(key, 24), AddressPlan.sharedIp(20_000)));
        assertThat(set.identities()).hasSize(50)
                .allSatisfy(s -> assertThat(key.commonPrefixLength(s.id())).isGreaterThanOrEqualTo(24));
        assertThat(set.cost().attempts()).isEqualTo(50);
        assertThat(set.cost().hashes()).isZero();
    }

    @Test
    void bucketIdsShareExactly159MinusBPrefixBitsWithTheVictim() {
        Placement.InBuckets p = Placement.InBuckets.farthest(key, 10);
        SybilSet set = factory.create(SybilSpec.of(40, p, AddressPlan.slash24s(40, 6881)));
        for (int i = 0; i < set.size(); i++) {
            int bucket = p.bucketOf(i);
            assertThat(key.commonPrefixLength(set.identities().get(i).id())).isEqualTo(159 - bucket);
        }
        assertThat(set.identities().stream().map(s -> 159 - key.commonPrefixLength(s.id())).collect(Collectors.toSet()))
                .hasSize(10);
    }

    @Test
    void spreadAddressesAreDistinctAndOnePerSlash24AwayFromHonestNodes() {
        SybilSet set = factory.create(SybilSpec.of(30, new Placement.Anywhere(), AddressPlan.slash24s(30, 6881)));
        List<NodeAddress> addrs = set.identities().stream().map(SybilIdentity::address).toList();
        assertThat(addrs).doesNotHaveDuplicates();
        assertThat(addrs.stream().map(NodeAddress::slash24).distinct().count()).isEqualTo(30);
        assertThat(addrs).allSatisfy(a -> assertThat((a.ip() >>> 16) & 0xFF).isGreaterThanOrEqualTo(201));
    }

    @Test
    void sharedIpSybilsDifferOnlyByPort() {
        SybilSet set = factory.create(SybilSpec.of(5, new Placement.Anywhere(), AddressPlan.sharedIp(30_000)));
        assertThat(set.identities().stream().map(s -> s.address().ip()).distinct().count()).isEqualTo(1);
        assertThat(set.identities().stream().map(s -> s.address().port()).toList()).containsExactly(30_000, 30_001, 30_002, 30_003, 30_004);
    }

    @Test
    void aConstrainedIdIsGroundAndTheHashesAreCounted() {
        // toy IP binding: the id's last byte must equal the address' last octet; one hash per candidate
        IdConstraint bound = IdConstraint.predicate((id, a) -> (id.lo() & 0xFF) == (a.ip() & 0xFF), (id, a) -> 1);
        SybilSet set = factory.create(SybilSpec.of(20, new Placement.NearKey(key, 8), AddressPlan.slash24s(20, 6881))
                .withConstraint(bound, 1_000_000));
        assertThat(set.identities()).hasSize(20).allSatisfy(s -> {
            assertThat(s.id().lo() & 0xFF).isEqualTo(s.address().ip() & 0xFF);
            assertThat(key.commonPrefixLength(s.id())).isGreaterThanOrEqualTo(8);
        });
        assertThat(set.cost().hashes()).isEqualTo(set.cost().attempts());
        assertThat(set.cost().attemptsPerIdentity()).as("about 256 tries per id").isBetween(100.0, 600.0);
    }

    @Test
    void aDerivedIdOutsideThePlacementIsRetriedLikeAPuzzle() {
        // S/Kademlia style: the id is an output (here: a random id) the attacker cannot steer
        IdConstraint derived = (draw, a, rng) -> new IdConstraint.Attempt(NodeId.random(rng), true, 2, new byte[] {1});
        SybilSet set = factory.create(SybilSpec.of(3, new Placement.NearKey(key, 6), AddressPlan.sharedIp(40_000))
                .withConstraint(derived, 100_000));
        assertThat(set.identities()).hasSize(3).allSatisfy(s -> assertThat(s.proof()).containsExactly(1));
        assertThat(set.cost().attemptsPerIdentity()).isGreaterThan(5);
        assertThat(set.cost().hashes()).isEqualTo(2 * set.cost().attempts());
    }

    @Test
    void anExhaustedBudgetIsReportedNotHidden() {
        IdConstraint impossible = IdConstraint.predicate((id, a) -> false, (id, a) -> 3);
        SybilSet set = factory.create(SybilSpec.of(5, new Placement.Anywhere(), AddressPlan.sharedIp(40_000))
                .withConstraint(impossible, 1_000));
        assertThat(set.identities()).isEmpty();
        assertThat(set.cost()).isEqualTo(new GrindCost(5, 0, 1_000, 3_000, true));
    }

    @Test
    void addressesOutsideTheLabAreRefused() {
        AddressPlan outside = new AddressPlan.SharedIp(NodeAddress.parse("8.8.8.8:6881"));
        assertThatThrownBy(() -> factory.create(SybilSpec.of(1, new Placement.Anywhere(), outside)))
                .isInstanceOf(OutsideLabException.class);
    }
}
