package io.p2ptestbed.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vendored viewer libraries are the ones the npm lock pins: each committed file's sha256 is the one
 * scripts/build-viewer.sh recorded in vendor.sha256, and the versions recorded there are the lock's
 * (whose sha512 integrity npm ci checked when the script copied them).
 */
class ViewerVendorTest {

    @Test
    void committedLibrariesMatchTheirRecordedChecksumsAndTheLockVersions() throws Exception {
        JsonNode lock = new ObjectMapper().readTree(Path.of("viewer", "package-lock.json").toFile());
        List<String> lines = read("vendor/vendor.sha256").lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            String[] f = line.split("\\s+");
            byte[] bytes;
            try (InputStream in = ViewerPage.class.getResourceAsStream(ViewerPage.RESOURCES + "vendor/" + f[1])) {
                assertThat(in).as(f[1]).isNotNull();
                bytes = in.readAllBytes();
            }
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as("sha256 of %s (rebuild with scripts/build-viewer.sh)", f[1]).isEqualTo(f[0]);
            String pkg = f[2].substring(0, f[2].lastIndexOf('@'));
            String version = f[2].substring(f[2].lastIndexOf('@') + 1);
            assertThat(lock.path("packages").path("node_modules/" + pkg).path("version").asText())
                    .as("%s in reports/viewer/package-lock.json", pkg).isEqualTo(version);
            assertThat(ViewerPage.ASSETS).contains("vendor/" + f[1]);
        }
    }

    private static String read(String resource) throws Exception {
        try (InputStream in = ViewerPage.class.getResourceAsStream(ViewerPage.RESOURCES + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
