package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.defence.DefenceSet;
import io.p2ptestbed.overlay.defence.InstalledDefences;
import io.p2ptestbed.overlay.guard.GuardSet;
import io.p2ptestbed.overlay.kademlia.KademliaProtocol;
import io.p2ptestbed.overlay.node.NodeMain;
import io.p2ptestbed.overlay.node.NodeSettings;
import io.p2ptestbed.overlay.time.Scheduler;
import io.p2ptestbed.overlay.transport.Transport;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import io.p2ptestbed.overlay.node.RunningNode;
import io.p2ptestbed.overlay.spi.Broadcast;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The nodes of one process (one container): {@code M} {@link RunningNode}s started through
 * {@link NodeMain#launch} with the arguments given per node, each behind a {@link FaultyLink}, plus the
 * defences and fault rules switched on them through the control interface. Defences and faults survive
 * an in-process stop/start of a node. Thread-safe: control requests arrive on the server's threads;
 * node state is touched only on each node's loop.
 */
public final class NodeHost implements AutoCloseable {

    /** Seed offset of a node's fault generator, so that it differs from the node's own streams. */
    private static final long FAULT_STREAM = 0x6661756c74L;

    /** A request that conflicts with the node's state (answered 409). */
    public static final class Conflict extends IllegalStateException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** A node asked for while it is stopped. */
    public static final class Stopped extends IllegalStateException {
        public Stopped(String message) {
            super(message);
        }
    }

    private final class Slot {
        final int index;
        final String[] args;
        RunningNode node;
        FaultyLink link;
        /** The node's switchable malice (an overlay whose malice is registered as a {@link NodeMalice}), or null. */
        NodeMalice.Handle malice;
        /** The malice the node is turned to before it starts ({@code --malice}), or null: its mode and colluders. */
        StartMalice startMalice;
        /** The node's stream fault rules (stream overlays), or null. */
        FaultyStreams streams;
        InstalledDefences defences;
        /** What is installed on the running node: the Kademlia set's or the neutral guards' spec. */
        String installedSpec = "none";
        final String protocol;
        String defenceSpec = "none";
        List<FaultRule> faults = List.of();
        /** The modelled service capacity installed on the running node, if any (gone when the node stops). */
        io.p2ptestbed.overlay.kademlia.ServiceCapacity capacity;
        /** The node's broadcast deliveries (overlays with Broadcast), kept across stop and start. */
        final DeliveryLog deliveries = new DeliveryLog(epochOffsetMillis);

        /**
         * A node's {@code --defences} is taken out of its arguments and managed here, so that the control
         * interface can replace it and a restarted node gets the current set.
         */
        Slot(int index, String[] nodeArgs) {
            this.index = index;
            List<String> a = new ArrayList<>();
            String proto = KademliaProtocol.NAME;
            for (int j = 0; j < nodeArgs.length; j++) {
                String x = nodeArgs[j];
                if (x.equals("--defences") && j + 1 < nodeArgs.length) {
                    defenceSpec = nodeArgs[++j];
                    continue;
                }
                if (x.startsWith("--defences=")) {
                    defenceSpec = x.substring("--defences=".length());
                    continue;
                }
                if (x.equals("--protocol") && j + 1 < nodeArgs.length) {
                    proto = nodeArgs[j + 1].trim().toLowerCase(java.util.Locale.ROOT);
                } else if (x.startsWith("--protocol=")) {
                    proto = x.substring("--protocol=".length()).trim().toLowerCase(java.util.Locale.ROOT);
                }
                a.add(x);
            }
            this.args = a.toArray(String[]::new);
            this.protocol = proto;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    /** The host's wall clock at its scheduler clock's zero: the common time reference of reported deliveries. */
    private final long epochOffsetMillis = io.p2ptestbed.overlay.time.SystemClock.INSTANCE.epochMillisAtZero();
    private final PrintStream out;
    private final PrintStream err;

    public NodeHost(List<String[]> nodeArgs, PrintStream out, PrintStream err) {
        for (int i = 0; i < nodeArgs.size(); i++) {
            slots.add(new Slot(i, nodeArgs.get(i).clone()));
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (!s.defenceSpec.equals("none")) {
                String spec = s.defenceSpec;
                s.defenceSpec = "none";
                setDefences(i, spec); // validates, and refuses defences on overlays other than Kademlia
            }
        }
        this.out = out;
        this.err = err;
    }

    public int size() {
        return slots.size();
    }

    /** Starts every node, in order (so node 0 is up before node 1 joins through it). */
    public void startAll() {
        for (int i = 0; i < slots.size(); i++) {
            start(i);
        }
    }

    /** Starts node {@code i} if it is stopped; re-applies its defences and fault rules. */
    public synchronized void start(int i) {
        Slot s = slot(i);
        if (s.node != null) {
            return;
        }
        s.streams = null;
        NodeMain.Launch l = NodeMain.launch(s.args, out, err, new RunningNode.TransportDecorator() {
            @Override
            public Transport decorate(Transport transport, Scheduler scheduler, NodeSettings settings) {
                FaultyLink link = new FaultyLink(transport, scheduler, new SplittableRandom(settings.seed() ^ FAULT_STREAM));
                link.setRules(s.faults);
                s.link = link;
                s.malice = NodeMalice.forProtocol(settings.protocol()).map(m -> m.wrap(link, scheduler, settings)).orElse(null);
                if (s.startMalice != null) {
                    turnAtStart(s, settings.protocol());
                }
                return s.malice == null ? link : s.malice.transport();
            }

            @Override
            public StreamTransport decorateStreams(StreamTransport streams, Scheduler scheduler, NodeSettings settings) {
                FaultyStreams f = new FaultyStreams(streams, scheduler, new SplittableRandom(settings.seed() ^ FAULT_STREAM ^ 1));
                f.setRules(s.faults);
                s.streams = f;
                return f;
            }
        });
        if (!(l instanceof NodeMain.Launch.Started started)) {
            throw new IllegalStateException("node " + i + " did not start (exit code " + ((NodeMain.Launch.Exit) l).code()
                    + "); see its stderr");
        }
        s.node = started.node();
        FaultyLink link = s.link;
        FaultyStreams streams = s.streams;
        try {
            onLoop(s, () -> {
                s.node.addCounterSource(link::counters);
                NodeMalice.Handle malice = s.malice;
                if (malice != null) {
                    s.node.addCounterSource(malice::counters);
                }
                if (streams != null) {
                    s.node.addCounterSource(streams::faultCounters);
                }
                s.node.node().capability(Broadcast.class).ifPresent(b -> {
                    b.addDeliveryListener(s.deliveries);
                    b.addAnswerListener(s.deliveries);
                });
                install(s, s.defenceSpec);
                return null;
            });
        } catch (RuntimeException e) {
            s.node.close();
            s.node = null;
            throw e;
        }
    }

    /** The registered protocol name of node {@code i}'s overlay (from its arguments, so also while it is stopped). */
    public String protocol(int i) {
        Slot s = slot(i);
        if (s.node != null) {
            return s.node.protocol();
        }
        return s.protocol;
    }

    /** Stops node {@code i} (its socket is released); a no-op when it is stopped. */
    public synchronized void stop(int i) {
        Slot s = slot(i);
        if (s.node != null) {
            s.node.close();
            s.node = null;
            s.defences = null;
            s.installedSpec = "none";
            s.capacity = null;
        }
    }

    /** Installs {@code spec} on the slot's running node (on its loop): Kademlia's defence set, or neutral guards. */
    private static void install(Slot s, String spec) {
        if (s.protocol.equals(KademliaProtocol.NAME)) {
            if (s.defences != null) {
                s.defences.uninstall();
            }
            DefenceSet set = DefenceSet.parse(spec);
            s.defences = set.isEmpty() ? null : set.install(s.node.kademlia("defences"));
        } else if (!spec.equals("none")) {
            GuardSet.parse(spec).install(s.node.node());
        }
        s.installedSpec = spec;
    }

    public synchronized void stopAll() {
        for (int i = 0; i < slots.size(); i++) {
            stop(i);
        }
    }

    /** The running node {@code i}; {@link Stopped} when it is stopped. */
    public synchronized RunningNode running(int i) {
        Slot s = slot(i);
        if (s.node == null) {
            throw new Stopped("node " + i + " is stopped; POST " + ControlJson.PREFIX + "start?node=" + i + " first");
        }
        return s.node;
    }

    public synchronized boolean isRunning(int i) {
        return slot(i).node != null;
    }

    /** Completes when every node that is running now has joined. */
    public synchronized CompletableFuture<Void> allJoined() {
        return CompletableFuture.allOf(slots.stream().filter(s -> s.node != null).map(s -> s.node.joined())
                .toArray(CompletableFuture[]::new));
    }

    /** Replaces node {@code i}'s fault rules (an empty list heals). */
    public synchronized List<FaultRule> setFaults(int i, List<FaultRule> rules) {
        Slot s = slot(i);
        s.faults = List.copyOf(rules);
        if (s.node != null && s.link != null) {
            s.link.setRules(s.faults);
        }
        if (s.node != null && s.streams != null) {
            s.streams.setRules(s.faults);
        }
        return s.faults;
    }

    public synchronized List<FaultRule> faults(int i) {
        return slot(i).faults;
    }

    /**
     * Replaces node {@code i}'s defences with {@code spec}, "none" to remove them; returns the canonical spec.
     * Kademlia takes its defence set ({@link DefenceSet#parse} syntax); other overlays take the neutral defences
     * ({@link GuardSet}), installed through their {@code Guards}, which cannot be removed from a running node:
     * changing them needs the node stopped ({@link Conflict} otherwise). A bad spec throws {@link Fields.BadRequest};
     * an overlay without {@code Guards} an {@code UnsupportedCapabilityException}.
     */
    public synchronized String setDefences(int i, String spec) {
        Slot s = slot(i);
        String canonical;
        try {
            canonical = NodeMain.canonicalDefences(s.protocol, spec);
        } catch (IllegalArgumentException e) {
            throw new Fields.BadRequest(e.getMessage());
        }
        if (s.node != null && !s.protocol.equals(KademliaProtocol.NAME) && !canonical.equals(s.installedSpec)) {
            if (!s.installedSpec.equals("none")) {
                throw new Conflict("node " + i + " runs the neutral defences " + s.installedSpec + ", which cannot be "
                        + "removed from a running " + s.protocol + " node: POST " + ControlJson.PREFIX + "stop?node=" + i
                        + ", then the new defences, then " + ControlJson.PREFIX + "start?node=" + i);
            }
            onLoop(s, () -> {
                install(s, canonical);
                return null;
            });
        } else if (s.node != null && s.protocol.equals(KademliaProtocol.NAME)) {
            onLoop(s, () -> {
                install(s, canonical);
                return null;
            });
        }
        s.defenceSpec = canonical;
        return s.defenceSpec;
    }

    /**
     * Installs the modelled service capacity ({@link io.p2ptestbed.overlay.kademlia.ServiceCapacity}: at most
     * {@code perSecond} queries per {@code windowMillis} window, the rest shed) on running Kademlia node {@code i},
     * behind the guards it has (its defences), for flood experiments; replaced by a later call, gone on stop.
     */
    public synchronized Map<String, Object> setCapacity(int i, int perSecond, long windowMillis) {
        Slot s = slot(i);
        io.p2ptestbed.overlay.kademlia.ServiceCapacity c;
        try {
            c = new io.p2ptestbed.overlay.kademlia.ServiceCapacity(perSecond, windowMillis);
        } catch (IllegalArgumentException e) {
            throw new Fields.BadRequest(e.getMessage());
        }
        if (s.capacity != null) {
            throw new Conflict("node " + i + " already has a service capacity; restart it to change it");
        }
        RunningNode r = running(i);
        s.capacity = onLoop(s, () -> c.installOn(r.kademlia("a modelled service capacity")));
        return capacity(i);
    }

    /** The node's modelled service capacity: what it served and shed so far ({@code installed} false without one). */
    public synchronized Map<String, Object> capacity(int i) {
        io.p2ptestbed.overlay.kademlia.ServiceCapacity c = slot(i).capacity;
        return c == null ? Map.of("installed", false)
                : Map.of("installed", true, "served", c.served(), "shed", c.shed());
    }

    /**
     * The answers that came back to node {@code i} for the messages it published (of one message, or all when
     * {@code messageId} is null), also while it is stopped: {@code {"answers": [...]}}.
     */
    public Map<String, Object> answers(int i, Long messageId) {
        return Map.of("answers", slot(i).deliveries.answersJson(messageId));
    }

    /**
     * Node {@code i}'s broadcast deliveries as JSON (of one message, or all when {@code messageId} is null), also
     * while it is stopped: {@code {"deliveries": [...], "broadcastSent": n}}, the counter only while it runs.
     */
    public Map<String, Object> deliveries(int i, Long messageId) {
        Slot s = slot(i);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("deliveries", s.deliveries.json(messageId));
        RunningNode r;
        synchronized (this) {
            r = s.node;
        }
        if (r != null) {
            try {
                Long sent = r.stats().get("broadcast_sent");
                if (sent != null) {
                    m.put("broadcastSent", sent);
                }
            } catch (Exception stoppedMeanwhile) {
                // a node stopping during the read reports no counter
            }
        }
        return m;
    }

    /**
     * Turns node {@code i} malicious through its registered {@link NodeMalice}, on its loop; false when its overlay has
     * none on this host's class path (the caller then tries the overlay's own malice). A bad mode or colluder list
     * throws {@link IllegalArgumentException}.
     */
    public synchronized boolean turnMalicious(int i, String mode, List<io.p2ptestbed.overlay.id.Contact> colluders) {
        Slot s = slot(i);
        if (s.node == null) {
            throw new Stopped("node " + i + " is stopped");
        }
        NodeMalice.Handle malice = s.malice;
        if (malice == null) {
            return false;
        }
        onLoop(s, () -> {
            malice.turn(mode, colluders);
            return null;
        });
        return true;
    }

    /** A node's malice from its start: a mode of its overlay's {@link NodeMalice} and the fellow colluders it names. */
    public record StartMalice(String mode, List<io.p2ptestbed.overlay.id.Contact> colluders) {
        public StartMalice {
            colluders = List.copyOf(colluders);
        }
    }

    /**
     * Turns node {@code i} to {@code malice} as it starts, before its first datagram (and again at every in-process
     * restart), as attackers that lie from their first join; null for none. Call before the node starts.
     */
    public synchronized void setMaliceAtStart(int i, StartMalice malice) {
        slot(i).startMalice = malice;
    }

    /** The node's transport is wrapped, its node not yet started: turn its malice now, or refuse naming why. */
    private static void turnAtStart(Slot s, String protocol) {
        if (s.malice == null) {
            throw new IllegalArgumentException("--malice: node " + s.index + " runs the " + protocol + " overlay, which has no "
                    + "node malice on this host's class path");
        }
        try {
            s.malice.turn(s.startMalice.mode(), s.startMalice.colluders());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--malice: node " + s.index + ": " + e.getMessage(), e);
        }
    }

    public synchronized String defences(int i) {
        return slot(i).defenceSpec;
    }

    private Slot slot(int i) {
        if (i < 0 || i >= slots.size()) {
            throw new Fields.BadRequest("no node " + i + ": this host runs nodes 0.." + (slots.size() - 1));
        }
        return slots.get(i);
    }

    private static <T> T onLoop(Slot s, java.util.concurrent.Callable<T> task) {
        try {
            return s.node.onLoop(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("node " + s.index + " did not answer on its loop within 10 s");
        }
    }

    /** Waits (bounded) for {@code f}; used by the control server for lookups. */
    static <T> T await(CompletableFuture<T> f, long millis) throws Exception {
        return f.get(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopAll();
    }
}
