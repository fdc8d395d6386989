package io.p2ptestbed.overlay.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.Protocols;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compact {@link AddrMan} behaves as the object-per-entry one it replaced ({@link ReferenceAddrMan}): both get
 * the same random operations (add with fresh, stale and zero times from many sources, attempt, connected, good,
 * test-before-evict collisions and their tests, select, getaddr samples) under Core's and 0.9.3's rules, each with
 * its own rng of one seed; every outcome, every selected or sampled address and every slot of both tables (with
 * each entry's times, attempts and refcount, the bucket occupancy order and the collision set) must agree.
 */
class AddrManEquivalenceTest {

    static Arguments[] configurations() {
        return new Arguments[] {
            Arguments.of("core", Map.of(), 1, 6_000),
            Arguments.of("core, small tables", Map.of("newBuckets", "16", "triedBuckets", "2"), 2, 6_000),
            Arguments.of("0.9.3", Map.of("newBuckets", "8", "triedBuckets", "2", "deterministicBuckets", "false",
                    "timestampBias", "true", "testBeforeEvict", "false"), 2, 6_000),
            Arguments.of("0.9.3 with test-before-evict", Map.of("newBuckets", "8", "triedBuckets", "2",
                    "deterministicBuckets", "false", "timestampBias", "true"), 2, 6_000),
            Arguments.of("core without test-before-evict", Map.of("newBuckets", "32", "triedBuckets", "4",
                    "testBeforeEvict", "false"), 2, 6_000),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void sameOperationsSameTables(String name, Map<String, String> params, int seeds, int steps) {
        for (long seed = 1; seed <= seeds; seed++) {
            BitcoinConfig config = BitcoinConfig.of(Protocols.get("bitcoin").params(params));
            AddrMan compact = new AddrMan(config, new SplittableRandom(seed));
            ReferenceAddrMan reference = new ReferenceAddrMan(config, new SplittableRandom(seed));
            SplittableRandom ops = new SplittableRandom(100 + seed);
            List<NodeAddress> pool = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                pool.add(NodeAddress.of(127, 1 + ops.nextInt(250), ops.nextInt(4), ops.nextInt(256), 8333 + ops.nextInt(2)));
            }
            long now = BitcoinNode.LAB_EPOCH_SECONDS + 100_000;
            int moved = 0;
            int collisions = 0;
            for (int step = 0; step < steps; step++) {
                now += ops.nextInt(4) == 0 ? ops.nextInt(3_600) : ops.nextInt(30);
                NodeAddress x = pool.get(ops.nextInt(pool.size()));
                String what = name + " seed " + seed + " step " + step;
                int op = ops.nextInt(100);
                if (op < 55) {
                    NodeAddress source = ops.nextBoolean() ? x : pool.get(ops.nextInt(pool.size()));
                    long time = switch (ops.nextInt(5)) {
                        case 0 -> 0;
                        case 1 -> now - 31L * 86_400;
                        case 2 -> now - ops.nextInt(86_400);
                        default -> now - ops.nextInt(600);
                    };
                    long penalty = ops.nextBoolean() ? 0 : 7_200;
                    assertThat(compact.add(x, source, time, penalty, now).name()).as(what)
                            .isEqualTo(reference.add(x, source, time, penalty, now).name());
                } else if (op < 63) {
                    compact.attempt(x, now);
                    reference.attempt(x, now);
                } else if (op < 68) {
                    compact.connected(x, now);
                    reference.connected(x, now);
                } else if (op < 80) {
                    NodeAddress s = x;
                    if (ops.nextBoolean()) {
                        s = reference.select(false, 4, now);
                        assertThat(compact.select(false, 4, now)).as(what).isEqualTo(s);
                    }
                    if (s != null) {
                        String o = reference.good(s, now).name();
                        assertThat(compact.good(s, now).name()).as(what).isEqualTo(o);
                        moved += o.equals("UPDATED") ? 1 : 0;
                    }
                } else if (op < 86) {
                    reference.resolveCollisions(now);
                    compact.resolveCollisions(now);
                    NodeAddress t = reference.collisionToTest();
                    assertThat(compact.collisionToTest()).as(what).isEqualTo(t);
                    if (t != null) {
                        compact.attempt(t, now);
                        reference.attempt(t, now);
                        if (ops.nextBoolean()) {
                            assertThat(compact.good(t, now).name()).as(what).isEqualTo(reference.good(t, now).name());
                        }
                    }
                } else if (op < 95) {
                    boolean newOnly = ops.nextBoolean();
                    int outbound = ops.nextInt(9);
                    assertThat(compact.select(newOnly, outbound, now)).as(what).isEqualTo(reference.select(newOnly, outbound, now));
                } else {
                    List<String> want = reference.sample(23, 1000, now).stream().map(i -> i.address + " " + i.time()).toList();
                    assertThat(compact.sample(23, 1000, now).stream().map(i -> i.address() + " " + i.time()).toList())
                            .as(what).isEqualTo(want);
                }
                collisions = Math.max(collisions, compact.collisions());
                if (step % 1_000 == 999) {
                    assertThat(compact.describe()).as(what).isEqualTo(reference.describe());
                }
            }
            assertThat(compact.describe()).isEqualTo(reference.describe());
            compact.check();
            reference.check();
            assertThat(compact.triedSize()).as("the run exercised tried").isGreaterThan(0);
            assertThat(moved).as("entries moved to tried").isGreaterThan(10);
            if (config.testBeforeEvict()) {
                assertThat(collisions).as("collisions arose").isGreaterThan(0);
            }
            assertThat(compact.newSize()).isEqualTo(compact.entries().stream().filter(e -> !e.tried()).count());
        }
    }
}
