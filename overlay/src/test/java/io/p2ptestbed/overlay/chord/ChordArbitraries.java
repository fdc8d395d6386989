package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary valid Chord messages of every type, for round trips and as seeds of mutations. */
final class ChordArbitraries {

    private ChordArbitraries() {}

    static Arbitrary<NodeId> ids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers()).as(NodeId::new);
    }

    static Arbitrary<Contact> contacts() {
        return Combinators.combine(ids(), Arbitraries.integers(), Arbitraries.integers().between(0, 65535))
                .as((id, ip, port) -> new Contact(id, new NodeAddress(ip, port)));
    }

    static Arbitrary<java.util.List<Contact>> lists(int min) {
        return contacts().list().ofMinSize(min).ofMaxSize(ChordConfig.MAX_SUCCESSORS);
    }

    static Arbitrary<byte[]> values() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(ChordCodec.MAX_VALUE / 4);
    }

    static Arbitrary<ChordMessage> messages() {
        Arbitrary<Integer> tid = Arbitraries.integers();
        Arbitrary<NodeId> s = ids();
        return Arbitraries.oneOf(
                Combinators.combine(tid, s).as(Ping::new),
                Combinators.combine(tid, s).as(Pong::new),
                Combinators.combine(tid, s, ids()).as(FindSuccessor::new),
                Combinators.combine(tid, s, Arbitraries.of(true, false), lists(1)).as(FindSuccessorReply::new),
                Combinators.combine(tid, s).as(GetPredecessor::new),
                Combinators.combine(tid, s, contacts().injectNull(0.3), lists(0)).as(PredecessorReply::new),
                Combinators.combine(tid, s).as(Notify::new),
                Combinators.combine(tid, s).as(GetSuccessorList::new),
                Combinators.combine(tid, s, lists(0)).as(SuccessorListReply::new),
                Combinators.combine(tid, s).as(GetFingers::new),
                Combinators.combine(tid, s, lists(0)).as(FingersReply::new),
                Combinators.combine(tid, s, ids(), values()).as(Put::new),
                Combinators.combine(tid, s, Arbitraries.integers().between(0, 65535)).as(PutOk::new),
                Combinators.combine(tid, s, ids()).as(Get::new),
                Combinators.combine(tid, s, values().injectNull(0.3)).as(GetReply::new),
                Combinators.combine(tid, s, Combinators.combine(ids(), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                        .as(Entry::new).list().ofMaxSize(ChordCodec.MAX_ENTRIES)).as(TransferKeys::new),
                Combinators.combine(tid, s, Arbitraries.integers().between(0, 255),
                        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(ChordCodec.MAX_ERROR_TEXT)).as(ChordMessage.Error::new));
    }
}
