package io.p2ptestbed.features.cli;

import io.p2ptestbed.features.cli.TestbedCli.UsageError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code testbed check}: matches every step of the features against the step library without running anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Check that every step of the features matches a step definition; runs nothing.", sortOptions = false,
        description = {"A dry run: each step of each selected scenario is matched against the step library (and --glue).",
                "A step that matches nothing is printed with its file and line and the closest defined sentences."},
        footer = {"", "Exit codes: 0 every step is defined; 1 some step is undefined; 2 bad arguments or no scenario matched."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Feature files or folders, or classpath: URIs. Default: every feature bundled in the jar.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--tags", paramLabel = "EXPR", description = "Cucumber tag expression. Default: every scenario.")
    String tags;

    @Option(names = "--name", paramLabel = "REGEX", description = "Only scenarios whose name matches REGEX.")
    String name;

    @Option(names = "--glue", paramLabel = "PACKAGE", description = "Extra step-definition package (repeatable).")
    List<String> glue = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> features = RunCommand.features(paths);
        CucumberLauncher.Check check = CucumberLauncher.check(features, glue, tags, name);
        if (check.scenarios() == 0) {
            throw new UsageError("no scenario matched" + (tags == null ? "" : " --tags '" + tags + "'")
                    + (name == null ? "" : " --name '" + name + "'") + " in " + String.join(" ", features));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (check.undefined().isEmpty()) {
            w.printf("testbed check: %d scenario%s, every step defined%n", check.scenarios(), check.scenarios() == 1 ? "" : "s");
            w.flush();
            return TestbedCli.OK;
        }
        w.printf("testbed check: %d scenario%s; %s%n", check.scenarios(), check.scenarios() == 1 ? "" : "s",
                CucumberLauncher.describe(check.undefined()));
        w.flush();
        return TestbedCli.FAILED;
    }
}
