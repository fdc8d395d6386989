package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordMessage.*;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.Guards;
import java.util.List;

/**
 * A node's inbound side: decodes every datagram (malformed input is counted per reason and, when its header
 * is readable, answered with a typed ERROR; it never throws), applies the bindIds check and the inbound
 * filters, hands replies to their requests and answers requests.
 */
final class ChordResponder {

    private final ChordNode node;

    ChordResponder(ChordNode node) {
        this.node = node;
    }

    void onDatagram(NodeAddress from, byte[] data) {
        node.count(ChordCounter.RECEIVED);
        ChordDecodeResult r = ChordCodec.decode(data);
        if (r instanceof ChordDecodeResult.Malformed bad) {
            node.count(ChordCounter.MALFORMED);
            node.malformedCounters()[bad.reason().ordinal()]++;
            if (bad.headerOk()) {
                int code = bad.reason() == ChordDecodeResult.Reason.UNKNOWN_TYPE ? ChordCodec.ERR_UNKNOWN_TYPE
                        : ChordCodec.ERR_MALFORMED;
                node.count(ChordCounter.ERRORS_SENT);
                node.rpc().send(from, new ChordMessage.Error(bad.tid(), node.id(), code, bad.reason().name()));
            }
            return;
        }
        ChordMessage m = ((ChordDecodeResult.Decoded) r).message();
        if (node.config().bindIds() && !ChordIds.bound(new Contact(m.sender(), from))) {
            node.count(ChordCounter.REFUSED_BIND);
            return;
        }
        if (node.config().verifySuccessors()) {
            node.hear(new Contact(m.sender(), from));
        }
        if (!m.isRequest()) {
            if (m instanceof ChordMessage.Error) {
                node.count(ChordCounter.ERRORS_RECEIVED);
            }
            if (!node.rpc().complete(from, m)) {
                node.count(ChordCounter.UNMATCHED_REPLIES);
            }
            return;
        }
        long now = node.scheduler().nowMillis();
        for (Guards.InboundFilter f : node.inboundFilters()) {
            if (!f.admit(from, now)) {
                node.count(ChordCounter.REFUSED_INBOUND);
                return;
            }
        }
        onRequest(new Contact(m.sender(), from), m);
    }

    private void onRequest(Contact from, ChordMessage m) {
        NodeAddress to = from.address();
        NodeId me = node.id();
        int tid = m.tid();
        if (m instanceof Ping) {
            node.rpc().send(to, new Pong(tid, me));
        } else if (m instanceof FindSuccessor f) {
            node.rpc().send(to, answerFindSuccessor(tid, f.key()));
        } else if (m instanceof GetPredecessor) {
            node.rpc().send(to, new PredecessorReply(tid, me, node.table().predecessor(), node.table().successors()));
        } else if (m instanceof Notify) {
            node.maintenance().onNotify(from);
        } else if (m instanceof GetFingers) {
            List<Contact> f = node.table().distinctFingers();
            int first = Math.max(0, f.size() - ChordConfig.MAX_SUCCESSORS);
            node.rpc().send(to, new FingersReply(tid, me, f.subList(first, f.size())));
        } else if (m instanceof GetSuccessorList) {
            node.rpc().send(to, new SuccessorListReply(tid, me, node.table().successors()));
        } else if (m instanceof Put p) {
            node.store().store(p.key(), p.value());
            node.rpc().send(to, new PutOk(tid, me, 1));
        } else if (m instanceof Get g) {
            node.rpc().send(to, new GetReply(tid, me, node.store().value(g.key())));
        } else if (m instanceof TransferKeys t) {
            for (Entry e : t.entries()) {
                node.store().store(e.key(), e.value());
            }
            node.count(ChordCounter.KEYS_RECEIVED, t.entries().size());
            node.rpc().send(to, new PutOk(tid, me, t.entries().size()));
        }
    }

    /** The iterative step: "the successor is Y" (with my successor list) or "ask these" (closest preceding first). */
    FindSuccessorReply answerFindSuccessor(int tid, NodeId key) {
        if (node.table().successorOwns(key)) {
            List<Contact> list = node.table().hasSuccessor() ? node.table().successors() : List.of(node.contact());
            return new FindSuccessorReply(tid, node.id(), true, list);
        }
        List<Contact> next = node.table().closestPreceding(key, ChordLookup.CANDIDATES);
        if (next.isEmpty()) {
            return new FindSuccessorReply(tid, node.id(), true, node.table().successors());
        }
        return new FindSuccessorReply(tid, node.id(), false, next);
    }

}
