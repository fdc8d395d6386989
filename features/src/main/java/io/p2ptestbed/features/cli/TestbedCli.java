package io.p2ptestbed.features.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code testbed} command line: runs the bundled (or given) Cucumber features, writes the
 * report folder, gates against the baseline, replays a report, re-renders its graphs, benchmarks.
 *
 * <p>Exit codes: 0 success; 1 a scenario failed, the gate found a regression or a replay differs;
 * 2 bad arguments (the message says which); 3 an internal error.
 */
@Command(name = "testbed", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = "P2P network attack & resilience testbed.",
        subcommands = {RunCommand.class, ReplayCommand.class, GateCommand.class, BaselineCommand.class,
                RenderCommand.class, BenchCommand.class, ProtocolsCommand.class, CheckCommand.class, InitCommand.class, K8sCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 scenario failed / regression / replay differs, 2 bad arguments, 3 internal error.",
                "Docs: docs/cli.md"})
public final class TestbedCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (exit-code mapping included); tests set their own out/err on it. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new TestbedCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(TestbedCli::badArguments);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof UsageError) {
                err.println(line.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'.");
                err.flush();
                return USAGE;
            }
            err.println(line.getCommandSpec().qualifiedName() + ": internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return INTERNAL;
        });
        return cl;
    }

    private static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + name + " --help'.");
        }
        err.flush();
        return USAGE;
    }

    /** A problem with the arguments found while running (missing file, nothing matched): exit code 2. */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message);
        }
    }
}
