package io.p2ptestbed.features.cli;

import io.p2ptestbed.reports.Versions;
import picocli.CommandLine;

/** {@code testbed --version}: project, Java and the libraries that shape results. */
final class CliVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Versions v = Versions.detect();
        return new String[] {"testbed " + v.project(), "java " + v.java(), "libraries " + v.libraries()};
    }
}
