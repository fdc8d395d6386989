package io.p2ptestbed.features.run;

import io.p2ptestbed.reports.Frame;
import io.p2ptestbed.reports.Interval;
import java.util.List;
import java.util.Map;

/**
 * What one Cucumber scenario leaves for the run report: its verdict, the metrics it measured, graph
 * frames taken along its timeline, and the attack/fault intervals to shade on charts.
 *
 * @param status   Cucumber's status name (PASSED, FAILED, SKIPPED, ...)
 * @param message  failure message, or empty
 * @param csvFiles extra data files the scenario wrote (e.g. a success-vs-fraction curve), relative to the report dir
 */
public record ScenarioRecord(String name, String uri, String runtime, long seed, String status, String message,
                             Map<String, Double> metrics, List<Frame> frames, List<Interval> intervals,
                             List<String> csvFiles) {}
