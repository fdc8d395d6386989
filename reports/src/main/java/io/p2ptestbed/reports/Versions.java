package io.p2ptestbed.reports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Versions that make a run reproducible.
 *
 * @param project   testbed version (from the reports module's filtered resource)
 * @param java      "17.0.15 (Debian)" style runtime version
 * @param libraries artifactId to version, for the libraries that shape results and reports
 */
public record Versions(String project, String java, Map<String, String> libraries) {
    private static final String[][] LIBRARIES = {
        {"org.graphstream", "gs-core"}, {"org.graphstream", "gs-ui-swing"},
        {"org.jgrapht", "jgrapht-core"}, {"org.jgrapht", "jgrapht-io"},
        {"org.knowm.xchart", "xchart"}, {"com.fasterxml.jackson.core", "jackson-databind"},
        {"io.netty", "netty-common"}, {"io.cucumber", "cucumber-core"}, {"org.testcontainers", "testcontainers"},
    };

    public Versions {
        libraries = libraries == null ? Map.of() : new TreeMap<>(libraries);
    }

    /** Versions found on the current class path; libraries that are absent are left out. */
    public static Versions detect() {
        Map<String, String> libs = new TreeMap<>();
        for (String[] ga : LIBRARIES) {
            String v = pomVersion(ga[0], ga[1]);
            if (v != null) {
                libs.put(ga[1], v);
            }
        }
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        return new Versions(projectVersion(), java, libs);
    }

    /** A copy with one more library entry, for versions only the caller knows. */
    public Versions withLibrary(String name, String version) {
        Map<String, String> libs = new TreeMap<>(libraries);
        libs.put(name, version);
        return new Versions(project, java, libs);
    }

    static String projectVersion() {
        String v = load("/io/p2ptestbed/reports/reports-version.properties", "project.version");
        return v == null || v.startsWith("${") ? "unknown" : v;
    }

    private static String pomVersion(String group, String artifact) {
        return load("/META-INF/maven/" + group + "/" + artifact + "/pom.properties", "version");
    }

    private static String load(String resource, String key) {
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }
}
