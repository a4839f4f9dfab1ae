package dev.lanyard.kiosk.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery over real multicast between two hosts: two network namespaces joined by a veth
 * pair, one {@link DiscoveryProbe} process in each. Each must find the other's door (its key
 * hash, its address on the other side of the link, its port). Needs root (ip netns); required
 * in CI (LANYARD_CI=1), skipped elsewhere when namespaces cannot be made.
 */
class PeerDiscoveryNamespacesTest {
    private final String tag = Long.toString(ProcessHandle.current().pid(), 36);
    private final String nsA = "lyd-a-" + tag;
    private final String nsB = "lyd-b-" + tag;
    /** A /30 from the benchmarking range (RFC 2544), unlikely to be anyone's LAN; per process, so runs do not meet. */
    private final String subnet = "198.18." + (ProcessHandle.current().pid() % 250) + ".";

    @BeforeEach
    void namespaces() throws Exception {
        String failure = makeNamespaces();
        if (failure != null) {
            if ("1".equals(System.getenv("LANYARD_CI"))) {
                throw new AssertionError("LANYARD_CI=1 but network namespaces for the discovery test cannot be made: "
                        + failure);
            }
            Assumptions.abort("skipped: the mDNS discovery test needs network namespaces (root, iproute2): " + failure);
        }
    }

    @AfterEach
    void removeNamespaces() throws Exception {
        run("ip", "netns", "del", nsA);
        run("ip", "netns", "del", nsB);
    }

    @Test
    void doorsInTwoNamespacesFindEachOtherAcrossTheLink() throws Exception {
        String event = PeerDiscovery.eventHash(UUID.randomUUID());
        String keyA = "a".repeat(64);
        String keyB = "b".repeat(64);
        Process a = probe(nsA, subnet + "1", event, keyA, 7401, keyB);
        Process b = probe(nsB, subnet + "2", event, keyB, 7402, keyA);
        // each probe stays after finding the other until both have answered: none leaves while still looked for
        String outA = verdict(a);
        String outB = verdict(b);
        outA += finish(a);
        outB += finish(b);
        assertThat(outA).contains("FOUND " + keyB + " " + subnet + "2:7402");
        assertThat(outB).contains("FOUND " + keyA + " " + subnet + "1:7401");
    }

    private Process probe(String ns, String address, String event, String key, int port, String waitFor)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), DiscoveryProbe.class.getName(),
                address, event, key, Integer.toString(port), waitFor, "30000"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Its output up to and including its FOUND or NOT FOUND line. */
    private static String verdict(Process p) throws IOException {
        StringBuilder out = new StringBuilder();
        java.io.BufferedReader lines = p.inputReader(StandardCharsets.UTF_8);
        String line;
        while ((line = lines.readLine()) != null) {
            out.append(line).append('\n');
            if (line.startsWith("FOUND ") || line.startsWith("NOT FOUND ")) {
                break;
            }
        }
        return out.toString();
    }

    /** Ends its input (a probe that found its peer leaves then) and returns the rest of its output. */
    private static String finish(Process p) throws Exception {
        p.getOutputStream().close();
        // the same reader verdict() read from (Process keeps one per charset): nothing it buffered is lost
        String rest = p.inputReader(StandardCharsets.UTF_8).lines().collect(java.util.stream.Collectors.joining("\n"));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return rest;
    }

    /** Null when made; else why not. */
    private String makeNamespaces() throws Exception {
        String vethA = "lyva" + tag;
        String vethB = "lyvb" + tag;
        String[][] steps = {
            {"ip", "netns", "add", nsA},
            {"ip", "netns", "add", nsB},
            {"ip", "link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns", nsB},
            {"ip", "-n", nsA, "addr", "add", subnet + "1/30", "dev", vethA},
            {"ip", "-n", nsB, "addr", "add", subnet + "2/30", "dev", vethB},
            {"ip", "-n", nsA, "link", "set", "lo", "up"},
            {"ip", "-n", nsB, "link", "set", "lo", "up"},
            {"ip", "-n", nsA, "link", "set", vethA, "up"},
            {"ip", "-n", nsB, "link", "set", vethB, "up"},
            {"ip", "-n", nsA, "route", "add", "224.0.0.0/4", "dev", vethA},
            {"ip", "-n", nsB, "route", "add", "224.0.0.0/4", "dev", vethB},
        };
        for (String[] step : steps) {
            String failed = run(step);
            if (failed != null) {
                removeNamespaces();
                return String.join(" ", step) + ": " + failed;
            }
        }
        return null;
    }

    /** Null on success; else the command's output. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? null : "exit " + p.exitValue() + " " + out;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
