package io.p2ptestbed.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    @Test
    void write_shouldCreateTheFolders_andNameTheFileOnFailure(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("curves/deep/castro.csv");
        DataFiles.write(csv, "a,b\n1,2\n");
        assertThat(Files.readString(csv)).isEqualTo("a,b\n1,2\n");
        Path blocked = csv.resolve("under-a-file.csv"); // a folder that is a file
        assertThatThrownBy(() -> DataFiles.write(blocked, "x")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("under-a-file.csv");
    }
}
