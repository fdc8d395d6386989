package io.p2ptestbed.overlay.defence;

import java.util.EnumMap;
import java.util.Map;

/**
 * Parameters of the {@link Reputation} defence. Scores start at 0, gain {@code reward} per good reply
 * up to {@code maxScore}, lose the offence's penalty per offence, and decay towards 0 with the given
 * half-life. A contact whose score falls to {@code banThreshold} or below is evicted and banned for
 * {@code banMillis} of virtual time.
 *
 * <p>Default penalties: timeout 1, error 1, malformed 2, bogus contact 2, misroute 4, dead referral 1,
 * fake referral 3; reward 0.5, max score 5, threshold -10, half-life 10 minutes, ban 30 minutes. With
 * these, a contact that misroutes every lookup it serves is banned after its third misroute, while an
 * honest contact that loses a query now and then recovers through its answers and the decay.
 */
public record ReputationConfig(double banThreshold, long banMillis, long halfLifeMillis, double maxScore,
                               double reward, Map<Offence, Double> penalties) implements DefenceSpec {

    public static final String NAME = "reputation";

    public ReputationConfig {
        if (!(banThreshold < 0)) {
            throw new IllegalArgumentException("reputation threshold must be negative, got " + banThreshold);
        }
        if (banMillis < 1 || halfLifeMillis < 1) {
            throw new IllegalArgumentException("reputation ban and half-life must be positive durations");
        }
        if (!(maxScore >= 0) || !(reward >= 0)) {
            throw new IllegalArgumentException("reputation max-score and reward must be >= 0");
        }
        EnumMap<Offence, Double> all = new EnumMap<>(Offence.class);
        all.putAll(DEFAULT_PENALTIES);
        all.putAll(penalties);
        all.forEach((o, w) -> {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("reputation penalty " + o.key() + " must be >= 0, got " + w);
            }
        });
        penalties = Map.copyOf(all);
    }

    private static final Map<Offence, Double> DEFAULT_PENALTIES = Map.of(Offence.TIMEOUT, 1.0, Offence.ERROR, 1.0,
            Offence.MALFORMED, 2.0, Offence.BOGUS_CONTACT, 2.0, Offence.MISROUTE, 4.0, Offence.DEAD_REFERRAL, 1.0,
            Offence.FAKE_REFERRAL, 3.0);

    public static ReputationConfig defaults() {
        return new ReputationConfig(-10, 30 * 60_000, 10 * 60_000, 5, 0.5, Map.of());
    }

    public double penalty(Offence o) {
        return penalties.get(o);
    }

    public ReputationConfig withBan(double threshold, long banMillis) {
        return new ReputationConfig(threshold, banMillis, halfLifeMillis, maxScore, reward, penalties);
    }

    public ReputationConfig withPenalty(Offence o, double w) {
        Map<Offence, Double> m = new EnumMap<>(penalties);
        m.put(o, w);
        return new ReputationConfig(banThreshold, banMillis, halfLifeMillis, maxScore, reward, m);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toSpec() {
        StringBuilder sb = new StringBuilder(NAME).append("(threshold=").append(SpecParams.number(banThreshold))
                .append(",ban=").append(SpecParams.duration(banMillis))
                .append(",half-life=").append(SpecParams.duration(halfLifeMillis))
                .append(",max-score=").append(SpecParams.number(maxScore))
                .append(",reward=").append(SpecParams.number(reward));
        for (Offence o : Offence.values()) {
            sb.append(',').append(paramName(o)).append('=').append(SpecParams.number(penalty(o)));
        }
        return sb.append(')').toString();
    }

    static ReputationConfig parse(SpecParams p) {
        ReputationConfig d = defaults();
        Map<Offence, Double> pen = new EnumMap<>(Offence.class);
        for (Offence o : Offence.values()) {
            pen.put(o, p.number(paramName(o), d.penalty(o)));
        }
        ReputationConfig c = new ReputationConfig(p.number("threshold", d.banThreshold), p.millis("ban", d.banMillis),
                p.millis("half-life", d.halfLifeMillis), p.number("max-score", d.maxScore), p.number("reward", d.reward), pen);
        p.requireAllUsed("threshold, ban, half-life, max-score, reward, timeout, error, malformed, bogus-contact, "
                + "misroute, dead-referral, fake-referral");
        return c;
    }

    private static String paramName(Offence o) {
        return o.key().replace('_', '-');
    }
}
