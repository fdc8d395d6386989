package io.p2ptestbed.features.cli;

import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.Protocols;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code testbed protocols}: the overlays this build knows, with their key space and parameters. */
@Command(name = "protocols", mixinStandardHelpOptions = true,
        header = "List the overlay protocols, their key spaces and parameters (with defaults).")
final class ProtocolsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        for (String name : Protocols.names()) {
            OverlayProtocol p = Protocols.get(name);
            w.printf("%s (%s key space): %s%n", name, p.keySpace().name(), p.description());
            p.defaults().forEach((k, v) -> w.printf("    %-24s %s%n", k, v));
        }
        w.flush();
        return TestbedCli.OK;
    }
}
