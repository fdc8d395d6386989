/**
 * Attackers as scriptable raw-protocol peers, and network faults as data.
 *
 * <ul>
 *   <li>{@link io.p2ptestbed.adversary.AttackContext}: transports, scheduler, seeded generator and
 *       {@link io.p2ptestbed.adversary.lab.LabGuard} — what every attack gets from its runtime.</li>
 *   <li>{@code sybil}: identities ({@code SybilFactory}, {@code Placement}, {@code AddressPlan},
 *       pluggable {@code IdConstraint} grinding with its cost).</li>
 *   <li>{@code peer}: {@code ScriptedPeer} speaking BEP 5 with a sealed {@code Behaviour}; colluders share
 *       a {@code Collusion}; {@code SybilSwarm} launches a set.</li>
 *   <li>{@code eclipse}, {@code poison}, {@code dos}: orchestrated attacks — eclipse of one victim,
 *       index poisoning, bounded floods and churn pressure.</li>
 *   <li>{@code fault}: {@code Fault} data (partition grudges, loss, delay, duplication, reordering,
 *       churn bursts), installed on a {@code SimNetwork} or through {@code FaultyTransport}s, applied and
 *       healed by a {@code Nemesis} that records a timeline.</li>
 * </ul>
 *
 * <p>Rules, enforced by tests: attack code never reads the wall clock, sleeps or creates its own
 * randomness (time from the {@code Scheduler}, randomness from the generator handed in); every bind and
 * destination address passes the lab guard; every flood is bounded in rate, count and duration.
 */
package io.p2ptestbed.adversary;
