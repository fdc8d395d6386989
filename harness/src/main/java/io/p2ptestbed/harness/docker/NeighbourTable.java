package io.p2ptestbed.harness.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's ARP (neighbour) table is one table for all network namespaces, capped by
 * {@code net.ipv4.neigh.default.gc_thresh3} (1024 by default). Every container keeps an entry for every
 * peer it talks to, so C containers need about C² entries: with the default, a 50-container network
 * overflows it ("neighbour: arp_cache: neighbor table overflow!" in dmesg), ARP resolution fails at
 * random, and queries time out. This raises the three thresholds for the network about to start (never
 * lowers them) when the process may write them (root), and otherwise says what to run.
 */
final class NeighbourTable {

    private static final Path DIR = Path.of("/proc/sys/net/ipv4/neigh/default");

    private NeighbourTable() {}

    /** Makes room for {@code containers} containers talking to each other; returns a warning or null. */
    static String ensureRoomFor(int containers) {
        long needed = (long) containers * containers + 2048;
        try {
            long t3 = read("gc_thresh3");
            if (t3 >= needed) {
                return null;
            }
            long target = Long.highestOneBit(needed - 1) << 1;
            write("gc_thresh3", target);
            write("gc_thresh2", Math.max(read("gc_thresh2"), target / 2));
            write("gc_thresh1", Math.max(read("gc_thresh1"), target / 8));
            System.err.println("[docker] raised net.ipv4.neigh.default.gc_thresh3 from " + t3 + " to " + target
                    + " (the ARP table is shared by all containers: " + containers + " containers need ~" + needed + ")");
            return null;
        } catch (IOException | RuntimeException e) {
            return "the kernel's neighbour table may be too small for " + containers + " containers (ARP will fail at random);"
                    + " as root run: sysctl -w net.ipv4.neigh.default.gc_thresh3=" + (Long.highestOneBit(needed - 1) << 1)
                    + " net.ipv4.neigh.default.gc_thresh2=" + (Long.highestOneBit(needed - 1))
                    + " (" + e.getMessage() + ")";
        }
    }

    private static long read(String name) throws IOException {
        // procfs files report size 0; read them as lines, not by size
        return Long.parseLong(Files.readAllLines(DIR.resolve(name)).get(0).trim());
    }

    private static void write(String name, long value) throws IOException {
        Files.writeString(DIR.resolve(name), Long.toString(value));
    }
}
