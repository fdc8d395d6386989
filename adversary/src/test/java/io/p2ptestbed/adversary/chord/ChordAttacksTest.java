package io.p2ptestbed.adversary.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.adversary.lab.LabGuard;
import io.p2ptestbed.overlay.chord.ChordIds;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.OverlayNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each Chord attack against its defence, off and then on, on the deterministic simulator. */
class ChordAttacksTest {

    /** Sybils with ids ground into (victim, successor) and onto the victim's high fingers. */
    private static int[] sybilShare(boolean bindIds) {
        ChordLab lab = new ChordLab(21, Map.of("bindIds", String.valueOf(bindIds)));
        lab.honestRing(100);
        OverlayNode victim = lab.honest.get(0);
        Contact succ = ChordLab.view(victim).successors().get(0);
        for (NodeId id : ChordSybils.idsBetween(victim.id(), succ.id(), 8)) {
            lab.attacker(id, ChordLie.NONE);
        }
        for (NodeId id : ChordSybils.fingerIds(victim.id(), 152, 159)) {
            lab.attacker(id, ChordLie.NONE);
        }
        lab.scheduler.advance(60_000);
        long inList = ChordLab.view(victim).successors().stream().filter(c -> lab.colluders.contains(c.id())).count();
        long inFingers = ChordLab.view(victim).distinctFingers().stream().filter(c -> lab.colluders.contains(c.id())).count();
        System.out.printf("chord sybils, bindIds=%s: %d of 8 successor-list entries and %d distinct fingers are Sybils%n",
                bindIds, inList, inFingers);
        return new int[] {(int) inList, (int) inFingers};
    }

    @Test
    void groundSybils_shouldFillTheVictimsSuccessorListAndFingers_unlessIdsAreBoundToAddresses() {
        int[] off = sybilShare(false);
        assertThat(off[0]).isGreaterThanOrEqualTo(6);
        assertThat(off[1]).isGreaterThanOrEqualTo(4);
        int[] on = sybilShare(true);
        assertThat(on[0]).isZero();
        assertThat(on[1]).isZero();
    }

    @Test
    void grindingAddresses_isThePriceOfPlacementUnderBindIds() {
        NodeId a = NodeId.fromHex("8000000000000000000000000000000000000000");
        NodeId b = NodeId.fromHex("8400000000000000000000000000000000000000"); // 1/64 of the ring
        Optional<NodeAddress> found = ChordSybils.grindAddress(a, b, (127 << 24) | (50 << 16) | (150 << 8), 7301, 2000,
                LabGuard.loopbackOnly());
        assertThat(found).isPresent();
        assertThat(ChordIds.forAddress(found.get())).satisfies(id -> assertThat(id.compareTo(a)).isPositive());
    }

    private static double misrouted(int crossCheck) {
        ChordLab lab = new ChordLab(22, Map.of("crossCheck", String.valueOf(crossCheck)));
        lab.honestRing(100);
        for (int i = 0; i < 15; i++) {
            lab.attacker(NodeId.random(lab.rng), ChordLie.CLAIM_KEYS);
        }
        lab.scheduler.advance(60_000);
        double share = lab.misrouted(1000, 5);
        System.out.printf("chord key-claiming colluders (15 of 115), crossCheck=%d: %.1f%% of lookups misrouted%n",
                crossCheck, 100 * share);
        return share;
    }

    @Test
    void colludersClaimingKeys_shouldMisrouteLookups_lessWithCrossCheckedLookups() {
        double off = misrouted(1);
        double on = misrouted(3);
        assertThat(off).isGreaterThan(0.10);
        assertThat(on).isLessThan(off / 2);
    }

    private static long fakeEntries(boolean verify) {
        ChordLab lab = new ChordLab(23, Map.of("verifySuccessors", String.valueOf(verify)));
        lab.honestRing(100);
        for (int i = 0; i < 10; i++) {
            lab.attacker(NodeId.random(lab.rng), ChordLie.POISON_LISTS);
        }
        lab.scheduler.advance(60_000);
        long fakes = 0;
        for (OverlayNode n : lab.honest) {
            fakes += ChordLab.view(n).successors().stream()
                    .filter(c -> (c.address().ip() & 0xFFFFFF00) == LyingTransport.FAKE_NET).count();
        }
        System.out.printf("chord list-poisoning colluders (10 of 110), verifySuccessors=%s: %d made-up entries in honest "
                + "successor lists%n", verify, fakes);
        return fakes;
    }

    @Test
    void poisonedSuccessorLists_shouldBeKeptOutByVerification() {
        assertThat(fakeEntries(false)).isPositive();
        assertThat(fakeEntries(true)).isZero();
    }

    @Test
    void droppedLookupSteps_shouldBeRoutedAround() {
        ChordLab lab = new ChordLab(24, Map.of());
        lab.honestRing(100);
        for (int i = 0; i < 10; i++) {
            lab.attacker(NodeId.random(lab.rng), ChordLie.DROP_LOOKUPS);
        }
        lab.scheduler.advance(60_000);
        double share = lab.misrouted(500, 6);
        System.out.printf("chord lookup-dropping colluders (10 of 110): %.1f%% of lookups failed or misrouted%n", 100 * share);
        assertThat(share).isLessThan(0.05);
    }
}
