package io.p2ptestbed.harness.runtime;

import io.p2ptestbed.overlay.id.NodeId;

/** One key-based routing request of any overlay: route from this node to the node responsible for the key. */
public record RouteRequest(NodeHandle from, NodeId key) {}
