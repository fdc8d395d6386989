package io.p2ptestbed.overlay.kademlia;

/** Which query an iterative lookup sends. */
public enum LookupKind {
    FIND_NODE,
    GET_PEERS
}
