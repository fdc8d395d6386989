package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import io.p2ptestbed.reports.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code testbed init DIR}: a ready Maven project that runs its own features with the testbed's step
 * library: the pom importing the BOM, a JUnit Platform suite runner, the report plugin configured,
 * one example feature, and CI files (GitHub Actions, GitLab CI) that publish the report and gate on
 * the baseline. The templates are resources under {@value #TEMPLATES}.
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Create a Maven project that runs its own features with the testbed's steps.",
        description = {"Writes DIR/pom.xml (imports p2p-testbed-bom, depends on p2p-testbed-steps), a JUnit Platform runner,",
                "junit-platform.properties (glue, report plugin), an example feature, CI files and a README.",
                "Then: cd DIR && mvn -B test (docs/use-in-your-project.md)."},
        footer = {"", "Exit codes: 0 created; 2 bad arguments, or DIR exists and is not empty."})
final class InitCommand implements Callable<Integer> {

    static final String TEMPLATES = "/p2p-testbed-starter/";
    private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final Pattern MAVEN_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The new project's folder (created; must not exist or be empty).")
    Path dir;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "com.example", description = "Maven groupId. Default: ${DEFAULT-VALUE}.")
    String groupId;

    @Option(names = "--artifact-id", paramLabel = "ID", description = "Maven artifactId. Default: the folder's name.")
    String artifactId;

    @Option(names = "--package", paramLabel = "NAME", defaultValue = "lab",
            description = "Java package of the runner and folder of the features under src/test/resources. Default: ${DEFAULT-VALUE}.")
    String javaPackage;

    @Option(names = "--testbed-version", paramLabel = "VERSION",
            description = "Version of the testbed's artefacts. Default: this CLI's own version.")
    String version;

    @Override
    public Integer call() {
        String artifact = artifactId != null ? artifactId : dir.toAbsolutePath().normalize().getFileName().toString();
        check(MAVEN_ID, groupId, "--group-id");
        check(MAVEN_ID, artifact, "--artifact-id (or the folder's name)");
        check(JAVA_PACKAGE, javaPackage, "--package");
        String v = version != null ? version : Versions.detect().project();
        if (v.equals("unknown")) {
            throw new UsageError("this CLI does not know its own version (not built by Maven?): give --testbed-version");
        }
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new UsageError(dir + " exists and is not an empty folder: choose a new one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String packagePath = javaPackage.replace('.', '/');
        Map<String, String> values = Map.of("@GROUP@", groupId, "@ARTIFACT@", artifact, "@VERSION@", v,
                "@PACKAGE@", javaPackage, "@PACKAGE_PATH@", packagePath);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml.template", "pom.xml");
        files.put("RunFeaturesTest.java.template", "src/test/java/" + packagePath + "/RunFeaturesTest.java");
        files.put("junit-platform.properties.template", "src/test/resources/junit-platform.properties");
        files.put("lookups.feature.template", "src/test/resources/" + packagePath + "/lookups.feature");
        files.put("github-workflow.yml.template", ".github/workflows/p2p-testbed.yml");
        files.put("gitlab-ci.yml.template", ".gitlab-ci.yml");
        files.put("README.md.template", "README.md");
        PrintWriter w = spec.commandLine().getOut();
        files.forEach((template, target) -> {
            Path file = dir.resolve(target);
            write(file, fill(read(template), values));
            w.println("  " + dir.relativize(file));
        });
        w.printf("testbed init: created %s (p2p-testbed %s). Next: cd %s && mvn -B test%n", dir, v, dir);
        w.flush();
        return TestbedCli.OK;
    }

    private static void check(Pattern p, String value, String what) {
        if (!p.matcher(value).matches()) {
            throw new UsageError(what + " '" + value + "' is not valid: it must match " + p.pattern());
        }
    }

    private static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String read(String template) {
        try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATES + template)) {
            if (in == null) {
                throw new IllegalStateException("starter template " + TEMPLATES + template + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
