package io.p2ptestbed.overlay.epidemic;

import io.p2ptestbed.overlay.spi.ProtocolParams;
import java.util.Map;

/**
 * The parameters of the epidemic overlay.
 *
 * @param mode          {@code rumor}: Demers et al.'s push rumour mongering, one push per cycle per hot
 *                      rumour; {@code fanout}: Kermarrec, Massoulié and Ganesh's gossip, every node forwards
 *                      once, on first receipt, to F members drawn uniformly
 * @param k             rumour mode: the counter (lose interest after k unnecessary contacts) or the coin's 1/k
 * @param feedback      rumour mode: the recipient says whether it already knew (false: blind)
 * @param interest      rumour mode: {@code counter} or {@code coin}
 * @param cycleMillis   rumour mode: the cycle; every node pushes at multiples of it (scheduler time)
 * @param fanoutC       fanout mode: c in F = ln N + c, N the node's membership count including itself; a
 *                      fractional F is rounded up with probability of its fractional part (mean F exact)
 * @param view          members kept: 0 for full membership (the papers' model), else a partial view of
 *                      that many members, a uniform sample (reservoir) of the members the node heard of
 * @param pullMillis    how soon a node pulls its seed's join log again after a pull that brought news (the
 *                      interval doubles while nothing is new)
 */
public record EpidemicConfig(Mode mode, int k, boolean feedback, Interest interest, long cycleMillis, double fanoutC,
                             int view, long pullMillis) {

    public enum Mode { RUMOR, FANOUT }

    public enum Interest { COUNTER, COIN }

    public static final int MAX_VIEW = 100_000;

    public EpidemicConfig {
        ProtocolParams.requireRange(EpidemicProtocol.NAME, "k", k, 1, 100);
        ProtocolParams.requireRange(EpidemicProtocol.NAME, "cycleMillis", cycleMillis, 1, 600_000);
        ProtocolParams.requireRange(EpidemicProtocol.NAME, "fanoutC", fanoutC, -20, 50);
        ProtocolParams.requireRange(EpidemicProtocol.NAME, "pullMillis", pullMillis, 100, 600_000);
        if (view < 0 || view > MAX_VIEW) {
            throw new IllegalArgumentException("parameter 'view' of protocol epidemic must be 0 (full membership) or in [1, "
                    + MAX_VIEW + "], got " + view);
        }
    }

    public static EpidemicConfig defaults() {
        return new EpidemicConfig(Mode.FANOUT, 1, true, Interest.COUNTER, 1000, 2.0, 0, 5000);
    }

    public static EpidemicConfig of(ProtocolParams p) {
        return new EpidemicConfig(p.choice("mode", Mode.class), p.intValue("k", 1, 100), p.bool("feedback"),
                p.choice("interest", Interest.class), p.longValue("cycleMillis", 1, 600_000), p.decimal("fanoutC", -20, 50),
                p.intValue("view", 0, MAX_VIEW), p.longValue("pullMillis", 100, 600_000));
    }

    public Map<String, String> toParams() {
        return ProtocolParams.valuesOf(this);
    }
}
