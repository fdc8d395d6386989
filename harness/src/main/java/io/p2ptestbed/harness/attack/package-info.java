/**
 * Wires the adversary module and the defences into the runtimes: what the Cucumber security steps
 * call. Everything here works on the simulated runtime (virtual time, deterministic for a seed) and
 * on the loopback runtime (real UDP sockets on 127.0.0.0/8, wall-clock time).
 *
 * <ul>
 *   <li>{@link io.p2ptestbed.harness.attack.AttackLab}: attack contexts (transports, scheduler, seeded
 *       randomness, lab guard) for a running network, and waiting on attack futures.</li>
 *   <li>{@link io.p2ptestbed.harness.docker.CrossRuntime#defencesEverywhere}: one defence spec installed on every
 *       honest node of any runtime, ids made by the defences' id rules where they have them (BEP 42, puzzles).</li>
 *   <li>{@link io.p2ptestbed.harness.kademlia.attack.VictimEclipse}, {@link io.p2ptestbed.harness.kademlia.attack.Colluders},
 *       {@link io.p2ptestbed.harness.kademlia.attack.KeyCensors}, {@link io.p2ptestbed.harness.kademlia.attack.FloodRun}:
 *       the attacks, run against the network, with what they achieved measured against ground truth.</li>
 *   <li>{@link io.p2ptestbed.harness.kademlia.attack.HonestLookups}, {@link io.p2ptestbed.harness.kademlia.attack.DisjointSweep}:
 *       lookup success in the S/Kademlia sense (the result contains the true closest honest node).</li>
 *   <li>{@link io.p2ptestbed.harness.attack.FaultControl}: partitions and other faults through the
 *       adversary's nemesis, on the simulated network or a fault plane around real sockets.</li>
 *   <li>{@link io.p2ptestbed.harness.attack.VertexConnectivity}: minimum vertex cuts (Menger) of the
 *       routing-table graph.</li>
 *   <li>{@link io.p2ptestbed.harness.kademlia.attack.PlacementCost}: what placing Sybils near a target costs
 *       under plain ids, BEP 42 and S/Kademlia crypto puzzles.</li>
 * </ul>
 *
 * <p>As in the adversary module, nothing here reads the wall clock for protocol or attack decisions,
 * and all randomness is handed in from the scenario seed.
 */
package io.p2ptestbed.harness.attack;
