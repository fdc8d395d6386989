package io.p2ptestbed.adversary.fault;

/**
 * One fault on the run's timeline, for the report's shaded bands.
 *
 * @param kind        the fault's type ("Partition", "Loss", "ChurnBurst"...)
 * @param label       its human label
 * @param startMillis when it was invoked (scheduler time)
 * @param endMillis   when it was healed, or -1 while active
 */
public record FaultInterval(String kind, String label, long startMillis, long endMillis) {

    public boolean active() {
        return endMillis < 0;
    }
}
