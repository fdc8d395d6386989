package io.p2ptestbed.reports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Minimal HTML helpers: escaping and relative hrefs. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Percent-encodes each segment of a relative '/'-separated path, keeping the slashes. */
    static String href(String relativePath) {
        return Arrays.stream(relativePath.split("/", -1))
                .map(seg -> seg.equals("..") || seg.equals(".") ? seg
                        : URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    static String link(String relativePath, String text, boolean exists) {
        if (!exists) {
            return "<span class=\"missing\" title=\"file not found\">" + esc(text) + " (missing)</span>";
        }
        return "<a href=\"" + esc(href(relativePath)) + "\">" + esc(text) + "</a>";
    }
}
