package io.p2ptestbed.features.run;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the scenario records of one test run (process-wide: Cucumber creates a fresh world per
 * scenario, the report needs all of them). The report folder comes from the system property
 * {@code testbed.report.dir} (default {@code target/testbed-report}).
 */
public final class RunCollector {

    private static final List<ScenarioRecord> RECORDS = new ArrayList<>();

    private RunCollector() {}

    public static synchronized void add(ScenarioRecord r) {
        RECORDS.add(r);
    }

    public static synchronized List<ScenarioRecord> records() {
        return List.copyOf(RECORDS);
    }

    public static synchronized void clear() {
        RECORDS.clear();
    }

    public static Path reportDir() {
        return Paths.get(System.getProperty("testbed.report.dir", "target/testbed-report"));
    }
}
