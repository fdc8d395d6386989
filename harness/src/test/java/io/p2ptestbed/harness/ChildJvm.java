package io.p2ptestbed.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test class's {@code main} in a child JVM (this JVM's classpath) with one more environment variable. */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * The child's output lines (stdout and stderr); asserts that it ended within two minutes with status 0.
     *
     * @param main the class whose {@code main} runs
     * @param env the variable's name and value, set in the child's environment
     */
    public static List<String> run(Class<?> main, String envName, String envValue, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(envName, envValue);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("child output %s", lines).isZero();
        return lines;
    }

    /** A lab port other than this JVM's {@code TESTBED_LAB_PORT}: {@code a}, or {@code b} when this JVM's is {@code a}. */
    public static int otherPort(int current, int a, int b) {
        return current == a ? b : a;
    }
}
