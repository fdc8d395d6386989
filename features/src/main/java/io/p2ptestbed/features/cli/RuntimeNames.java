package io.p2ptestbed.features.cli;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** {@code --runtime NAME}: a clear message listing the valid names when the name is unknown. */
final class RuntimeNames implements CommandLine.ITypeConverter<RuntimeKind> {

    static String valid() {
        return Arrays.stream(RuntimeKind.values()).map(RuntimeKind::label).collect(Collectors.joining(", "));
    }

    @Override
    public RuntimeKind convert(String value) {
        return Arrays.stream(RuntimeKind.values()).filter(k -> k.label().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new CommandLine.TypeConversionException(
                        "unknown runtime '" + value + "'; valid runtimes: " + valid()));
    }
}
