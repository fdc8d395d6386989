/**
 * The swarm runtime: the docker runtime's node image as Docker Swarm services (one service per group of node
 * hosts, with replicas) on an internal, attachable, labelled overlay network, reached only through a control
 * relay attached to that network, as on a multi-host swarm. See docs/swarm.md.
 */
package io.p2ptestbed.harness.swarm;
