package io.p2ptestbed.adversary.collusion;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one overlay's colluders can do: the strategies and presences it implements. The neutral hook an
 * overlay's adversary implements to take part in the one colluding-adversary model.
 *
 * @param overlay    the overlay's name, for messages
 * @param strategies strategies its colluders implement
 * @param canTurn    whether colluders can run honestly first and turn later (else only from the start)
 * @param note       what the strategies mean on this overlay (one line)
 */
public record CollusionSupport(String overlay, Set<ColluderStrategy> strategies, boolean canTurn, String note) {

    public CollusionSupport {
        strategies = Set.copyOf(strategies);
    }

    /** Refuses, with a message naming what this overlay supports, a strategy or presence it lacks. */
    public void require(ColluderStrategy s, ColluderPresence p) {
        if (!strategies.contains(s)) {
            throw new UnsupportedOperationException(overlay + " colluders cannot '" + s.phrase() + "'; they support: "
                    + strategies.stream().sorted().map(ColluderStrategy::phrase).collect(Collectors.joining(", "))
                    + (note.isEmpty() ? "" : " (" + note + ")"));
        }
        if (!p.isFromStart() && !canTurn) {
            throw new UnsupportedOperationException(overlay + " colluders are present from the start only; they cannot "
                    + p.toString().toLowerCase(Locale.ROOT));
        }
    }
}
