package io.p2ptestbed.adversary.fault;

/**
 * A network fault as data (Jepsen style): what goes wrong, not how. A {@link Nemesis} applies it to a
 * runtime and heals it. {@link LinkFault}s act on datagrams between two addresses; {@link ChurnBurst}
 * acts on nodes and is carried out by the harness through {@link ChurnControl}.
 */
public sealed interface Fault permits LinkFault, ChurnBurst {

    /** Short human label for timelines and reports, e.g. "partition complete 5|5", "loss 20%". */
    String label();
}
