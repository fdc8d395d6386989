package io.p2ptestbed.features.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in this JVM, as {@code java -jar testbed.jar ARGS} would, and captures what it prints. */
final class Cli {

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli() {}

    static Result exec(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TestbedCli.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        Result r = new Result(exit, out.toString(), err.toString());
        System.out.println("$ testbed " + String.join(" ", args) + "  -> exit " + exit + "\n" + r.all());
        return r;
    }
}
