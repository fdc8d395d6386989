package io.p2ptestbed.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the class-data-sharing variant of a node image (see {@link NodeImage.Builder#appCds}): the archive
 * is dumped inside a container of the image itself, so the class path, jar and JVM are exactly those the
 * nodes will use (CDS refuses an archive made for another jar), then copied out and layered on top.
 */
final class AppCds {

    /** Where the archive lives in the image. */
    static final String ARCHIVE = "/app/app.jsa";
    private static final String DUMP = "/tmp/app.jsa";

    private AppCds() {}

    static void build(String baseImage, String name, String hash, List<String> training, List<String> entrypoint) {
        DockerClient client = DockerClientFactory.instance().client();
        List<String> cmd = new ArrayList<>();
        cmd.add("-XX:ArchiveClassesAtExit=" + DUMP);
        cmd.addAll(training);
        String run = "cds-" + hash.substring(0, 12);
        String id = client.createContainerCmd(baseImage).withCmd(cmd).withLabels(DockerLabels.forRun(run))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        Path dir = null;
        try {
            client.startContainerCmd(id).exec();
            Integer code = client.waitContainerCmd(id).start().awaitStatusCode(180, TimeUnit.SECONDS);
            if (code == null || code != 0) {
                throw new IllegalStateException("class-data-sharing training run of " + baseImage + " exited with " + code);
            }
            dir = Files.createTempDirectory("p2ptestbed-cds");
            try (InputStream tar = client.copyArchiveFromContainerCmd(id, DUMP).exec()) {
                Files.write(dir.resolve("app.jsa"), singleFileFromTar(tar));
            }
            String dockerfile = "FROM " + baseImage + "\n"
                    + "COPY app.jsa " + ARCHIVE + "\n"
                    + "LABEL " + DockerLabels.IMAGE + "=\"" + hash + "\"\n"
                    + "ENTRYPOINT [" + entrypoint.stream().map(NodeImage::jsonString).collect(Collectors.joining(", ")) + "]\n";
            NodeImage.dockerBuild(name, new ImageFromDockerfile(name, false)
                    .withFileFromPath("app.jsa", dir.resolve("app.jsa"))
                    .withFileFromString("Dockerfile", dockerfile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the class-data-sharing image " + name, e);
        } finally {
            try {
                client.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // swept later by label
            }
            if (dir != null) {
                try {
                    NodeRuntime.deleteTree(dir);
                } catch (IOException ignored) {
                    // temp dir
                }
            }
        }
    }

    /** The content of the one regular file in a tar stream (ustar: 512-byte header, octal size at 124). */
    static byte[] singleFileFromTar(InputStream in) throws IOException {
        byte[] header = in.readNBytes(512);
        if (header.length < 512) {
            throw new IOException("truncated tar header");
        }
        String octal = new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim();
        long size = Long.parseLong(octal, 8);
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new IOException("truncated tar entry: " + data.length + " of " + size + " bytes");
        }
        return data;
    }
}
