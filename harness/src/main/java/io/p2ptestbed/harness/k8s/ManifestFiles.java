package io.p2ptestbed.harness.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes rendered objects as YAML, one file per object, numbered in apply order ({@code kubectl apply -f DIR} reads
 * a folder's files in name order), each starting with {@link #HEADER}. Serialization is fabric8's.
 */
public final class ManifestFiles {

    /** First line of every written file; a folder holding only such files may be rendered into again. */
    public static final String HEADER = "# rendered by testbed k8s render; do not edit (render again instead)";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestFiles() {}

    /** File name to YAML text, in apply order. */
    public static Map<String, String> yaml(List<HasMetadata> objects) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            HasMetadata o = objects.get(i);
            String name = String.format(Locale.ROOT, "%02d-%s-%s.yaml", i, o.getKind().toLowerCase(Locale.ROOT),
                    o.getMetadata().getName());
            files.put(name, HEADER + "\n" + SERIALIZATION.asYaml(o));
        }
        return files;
    }

    /** Reads one written file back into an object of {@code type}. */
    public static <T extends HasMetadata> T read(String yaml, Class<T> type) {
        return SERIALIZATION.unmarshal(yaml, type);
    }

    /**
     * Writes the files into {@code dir}, created if needed. An earlier render there is replaced; a folder with any
     * other file is refused, and nothing is written.
     */
    public static void write(Path dir, Map<String, String> files) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
                }
                List<Path> old;
                try (Stream<Path> s = Files.list(dir)) {
                    old = s.toList();
                }
                for (Path p : old) {
                    if (!isRendered(p)) {
                        throw new IllegalArgumentException("--out " + dir + " holds " + p.getFileName()
                                + ", which is not a rendered manifest; choose an empty or new folder");
                    }
                }
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifests to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRendered(Path p) throws IOException {
        if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".yaml")) {
            return false;
        }
        try (Stream<String> lines = Files.lines(p)) {
            return lines.findFirst().map(HEADER::equals).orElse(false);
        }
    }
}
