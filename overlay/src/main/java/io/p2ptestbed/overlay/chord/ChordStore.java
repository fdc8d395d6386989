package io.p2ptestbed.overlay.chord;

import io.p2ptestbed.overlay.chord.ChordMessage.Entry;
import io.p2ptestbed.overlay.chord.ChordMessage.Get;
import io.p2ptestbed.overlay.chord.ChordMessage.GetReply;
import io.p2ptestbed.overlay.chord.ChordMessage.Put;
import io.p2ptestbed.overlay.chord.ChordMessage.PutOk;
import io.p2ptestbed.overlay.chord.ChordMessage.TransferKeys;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.spi.ValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Chord's values: stored at the key's successor (and, with {@code replicas = n}, on its next n successors).
 * Hand-over keeps every key at its owner as the ring changes: when a notify makes a new predecessor p, the
 * keys in (old predecessor, p] move to p (on join, the new node takes its keys from its successor); on
 * graceful leave every value goes to the successor. Values are dropped here only once the receiver
 * acknowledged them, and only without replication (with it they stay as copies).
 */
final class ChordStore implements ValueStore {

    /** Payload bytes per hand-over datagram, below the codec's limit. */
    static final int CHUNK_BYTES = 1_100;

    private final ChordNode node;
    private Map<NodeId, byte[]> values;

    ChordStore(ChordNode node) {
        this.node = node;
    }

    void store(NodeId key, byte[] value) {
        if (values == null) {
            values = new HashMap<>();
        }
        values.put(key, value);
    }

    byte[] value(NodeId key) {
        return values == null ? null : values.get(key);
    }

    @Override
    public int storedValues() {
        return values == null ? 0 : values.size();
    }

    /** Keys this node holds (for tests and ground truth). */
    List<NodeId> keys() {
        return values == null ? List.of() : new ArrayList<>(values.keySet());
    }

    @Override
    public CompletableFuture<PutResult> put(NodeId key, byte[] value) {
        if (value.length > ChordCodec.MAX_VALUE) {
            throw new IllegalArgumentException("chord values are at most " + ChordCodec.MAX_VALUE + " bytes, got " + value.length);
        }
        CompletableFuture<PutResult> f = new CompletableFuture<>();
        node.route(key).thenAccept(r -> {
            List<Contact> targets = r.reached().subList(0, Math.min(r.reached().size(), 1 + node.config().replicas()));
            if (targets.isEmpty()) {
                f.complete(new PutResult(key, 0, r.messages()));
                return;
            }
            int[] acks = {0, 0};
            for (Contact t : targets) {
                Runnable settle = () -> {
                    if (++acks[1] == targets.size()) {
                        f.complete(new PutResult(key, acks[0], r.messages() + targets.size()));
                    }
                };
                if (t.equals(node.contact())) {
                    store(key, value);
                    acks[0]++;
                    settle.run();
                    continue;
                }
                node.rpc().request(t.address(), tid -> new Put(tid, node.id(), key, value), node.config().maxRetries(),
                        reply -> {
                            if (reply instanceof PutOk ok && ok.stored() > 0) {
                                acks[0]++;
                            }
                            settle.run();
                        }, settle);
            }
        });
        return f;
    }

    @Override
    public CompletableFuture<GetResult> get(NodeId key) {
        CompletableFuture<GetResult> f = new CompletableFuture<>();
        node.route(key).thenAccept(r -> {
            List<Contact> targets = r.reached().subList(0, Math.min(r.reached().size(), 1 + node.config().replicas()));
            ask(key, r, targets, 0, r.messages(), f);
        });
        return f;
    }

    private void ask(NodeId key, RouteResult r, List<Contact> targets, int i, int messages, CompletableFuture<GetResult> f) {
        if (i >= targets.size()) {
            f.complete(new GetResult(key, null, null, r.hops(), messages));
            return;
        }
        Contact t = targets.get(i);
        if (t.equals(node.contact())) {
            byte[] v = value(key);
            if (v != null) {
                f.complete(new GetResult(key, v, t, r.hops(), messages));
            } else {
                ask(key, r, targets, i + 1, messages, f);
            }
            return;
        }
        node.rpc().request(t.address(), tid -> new Get(tid, node.id(), key), node.config().maxRetries(), reply -> {
            if (reply instanceof GetReply g && g.value() != null) {
                f.complete(new GetResult(key, g.value(), t, r.hops(), messages + 1));
            } else {
                ask(key, r, targets, i + 1, messages + 1, f);
            }
        }, () -> ask(key, r, targets, i + 1, messages + 1, f));
    }

    /** A new predecessor p: hands it the keys in (old predecessor, p], or all keys outside (p, self] if none was known. */
    void handOverTo(Contact p, Contact oldPredecessor) {
        if (values == null || values.isEmpty()) {
            return;
        }
        List<Entry> moving = new ArrayList<>();
        for (Map.Entry<NodeId, byte[]> e : values.entrySet()) {
            NodeId k = e.getKey();
            boolean theirs = oldPredecessor != null ? ChordMath.betweenRightIncl(oldPredecessor.id(), k, p.id())
                    : !ChordMath.betweenRightIncl(p.id(), k, node.id());
            if (theirs) {
                moving.add(new Entry(k, e.getValue()));
            }
        }
        transfer(p, moving, node.config().replicas() == 0);
    }

    /** Graceful leave: every value to the first successor. Completes when all chunks were acknowledged or failed. */
    CompletableFuture<Void> handOverAll() {
        if (values == null || values.isEmpty() || !node.table().hasSuccessor() || !node.isRunning()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Entry> all = new ArrayList<>();
        values.forEach((k, v) -> all.add(new Entry(k, v)));
        return transfer(node.table().successor(), all, true);
    }

    private CompletableFuture<Void> transfer(Contact to, List<Entry> entries, boolean dropWhenAcked) {
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> chunk = new ArrayList<>();
        int bytes = 0;
        for (Entry e : entries) {
            int size = NodeId.BYTES + 2 + e.value().length;
            if (!chunk.isEmpty() && (bytes + size > CHUNK_BYTES || chunk.size() == ChordCodec.MAX_ENTRIES)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(e);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (List<Entry> c : chunks) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            node.rpc().request(to.address(), tid -> new TransferKeys(tid, node.id(), c), node.config().maxRetries(), reply -> {
                if (reply instanceof PutOk) {
                    node.count(ChordCounter.KEYS_HANDED_OVER, c.size());
                    if (dropWhenAcked) {
                        for (Entry e : c) {
                            values.remove(e.key());
                        }
                    }
                }
                ack.complete(null);
            }, () -> ack.complete(null));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }
}
