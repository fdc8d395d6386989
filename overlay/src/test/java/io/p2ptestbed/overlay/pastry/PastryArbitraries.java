package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.pastry.PastryMessage.*;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary valid Pastry messages of every type, for round trips and as seeds of mutations. */
final class PastryArbitraries {

    private PastryArbitraries() {}

    static Arbitrary<NodeId> ids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((hi, mid) -> new NodeId(hi, mid, 0));
    }

    static Arbitrary<Contact> contacts() {
        return Combinators.combine(ids(), Arbitraries.integers(), Arbitraries.integers().between(1, 65535))
                .as((id, ip, port) -> new Contact(id, new NodeAddress(ip, port)));
    }

    static Arbitrary<List<Contact>> lists() {
        return contacts().list().ofMaxSize(PastryConfig.MAX_SET);
    }

    static Arbitrary<PastryMessage> messages() {
        Arbitrary<Integer> tid = Arbitraries.integers();
        Arbitrary<NodeId> s = ids();
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> row = Arbitraries.integers().between(0, PastryIds.BITS - 1);
        return Arbitraries.oneOf(
                Combinators.combine(tid, s).as(Ping::new),
                Combinators.combine(tid, s, lists()).as(Pong::new),
                Combinators.combine(tid, s, lists(), tid).as((t, id, l, ask) -> new Pong(t, id, l, true, ask)),
                Combinators.combine(tid, s, ids(), contacts(), tid, u8, Arbitraries.of(true, false),
                        Arbitraries.of(true, false)).as(Route::new),
                Combinators.combine(tid, s).as(Ack::new),
                Combinators.combine(tid, s, u8, lists()).as(Routed::new),
                Combinators.combine(tid, s, row).as(RowRequest::new),
                Combinators.combine(tid, s, Arbitraries.of(Kind.class), row, lists()).as(State::new),
                Combinators.combine(tid, s, Arbitraries.of(true, false)).as(Link::new),
                Combinators.combine(tid, s, Arbitraries.of(true, false)).as(Linked::new),
                Combinators.combine(tid, s, Arbitraries.of(AuditKind.class), contacts()).as(AuditRelay::new),
                Combinators.combine(tid, s, Arbitraries.of(AuditKind.class)).as(Audit::new),
                Combinators.combine(tid, s, Arbitraries.of(AuditKind.class), lists()).as(AuditSet::new));
    }
}
