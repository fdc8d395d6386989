package io.p2ptestbed.reports;

/**
 * One measurement of an adversary-fraction sweep.
 *
 * @param adversaryFraction share of nodes controlled by the adversary, 0..1
 * @param lookupSuccess     share of lookups that returned the right answer, 0..1
 */
public record SweepPoint(double adversaryFraction, double lookupSuccess) {
}
