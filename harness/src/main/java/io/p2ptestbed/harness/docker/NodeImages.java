package io.p2ptestbed.harness.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The node image of a node jar, built at most once per JVM and jar version (and reused across JVMs by content hash). */
public final class NodeImages {

    private static final Map<String, NodeImage> CACHE = new ConcurrentHashMap<>();

    private NodeImages() {}

    public static synchronized NodeImage ensure(Path jar) {
        String key;
        try {
            key = jar.toRealPath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node jar " + jar, e);
        }
        NodeImage cached = CACHE.get(key);
        if (cached != null && NodeImage.exists(cached.imageName())) {
            return cached;
        }
        NodeImage.Builder b = NodeImage.forJar(jar);
        DockerOptions.adversaryJar(jar).ifPresent(b::addJar);
        NodeImage image = b.appCds(List.of(NodeHostContainer.MAIN, "--train", "--", "--bind", "127.0.0.1", "--log-every", "0"))
                .build();
        CACHE.put(key, image);
        return image;
    }
}
