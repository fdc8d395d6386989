/**
 * The docker runtime: every node a real process in its own container on an internal, labelled Docker
 * network; see {@code docs/docker.md}.
 *
 * <ul>
 *   <li>{@link io.p2ptestbed.harness.docker.DockerRuntime}: the {@code NetworkRuntime}; nodes are
 *       {@link io.p2ptestbed.harness.docker.DockerNode}s read through each container's control interface
 *       ({@link io.p2ptestbed.harness.docker.ControlClient}); containers are started by
 *       {@link io.p2ptestbed.harness.docker.NodeLauncher}.</li>
 *   <li>Images: {@link io.p2ptestbed.harness.docker.NodeRuntime} (jlink + glibc, FROM scratch),
 *       {@link io.p2ptestbed.harness.docker.NodeImage} (cached by content hash, with an application
 *       class-data-sharing archive); nothing is ever pulled.</li>
 *   <li>Network: {@link io.p2ptestbed.harness.docker.LabNetwork} (internal, a free /16),
 *       {@link io.p2ptestbed.harness.docker.SubnetPlan} (static addresses, attacker pools),
 *       {@link io.p2ptestbed.harness.docker.NeighbourTable} (host ARP table sizing).</li>
 *   <li>{@link io.p2ptestbed.harness.docker.DockerFaults}: partitions and loss as iptables rules in the
 *       containers' namespaces, latency/duplication/reordering in the nodes' transport; a {@code FaultTarget}
 *       for the adversary's nemesis.</li>
 *   <li>{@link io.p2ptestbed.harness.docker.AttackerHosts}: attacker containers whose UDP sockets the
 *       adversary's attacks use, through {@link io.p2ptestbed.harness.docker.SocketHostClient}.</li>
 *   <li>Clean-up and reliability: {@link io.p2ptestbed.harness.docker.DockerLabels},
 *       {@link io.p2ptestbed.harness.docker.Owner}, {@link io.p2ptestbed.harness.docker.DockerSweeper},
 *       {@link io.p2ptestbed.harness.docker.DockerAvailability}.</li>
 *   <li>{@link io.p2ptestbed.harness.docker.CrossRuntime}: what the docker feature files need, on all three runtimes.</li>
 *   <li>{@link io.p2ptestbed.harness.docker.DockerBenchmark}: start-up time, memory and lookup rate (prints).</li>
 * </ul>
 */
package io.p2ptestbed.harness.docker;
