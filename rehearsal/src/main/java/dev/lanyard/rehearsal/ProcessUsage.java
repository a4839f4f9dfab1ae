package dev.lanyard.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and memory of the server, summed over every process it ran as (a killed server's
 * CPU still counts). CPU comes from the JDK's process info; memory from Linux's
 * {@code /proc/PID/status} (resident set, and its peak), absent elsewhere.
 */
final class ProcessUsage {
    private final Map<Long, ProcessHandle> handles = new LinkedHashMap<>();
    private final Map<Long, Duration> cpu = new LinkedHashMap<>();
    private long peakRssKb = -1;
    private long lastRssKb = -1;

    synchronized void track(ProcessHandle handle) {
        handles.put(handle.pid(), handle);
        sample();
    }

    /** Reads every live process's figures now; called often enough to catch a process before it dies. */
    synchronized void sample() {
        for (ProcessHandle h : handles.values()) {
            if (!h.isAlive()) {
                continue;
            }
            h.info().totalCpuDuration().ifPresent(d -> cpu.put(h.pid(), d));
            long hwm = statusKb(h.pid(), "VmHWM:");
            long rss = statusKb(h.pid(), "VmRSS:");
            if (hwm > peakRssKb) {
                peakRssKb = hwm;
            }
            if (rss >= 0) {
                lastRssKb = rss;
            }
        }
    }

    synchronized double cpuSeconds() {
        return cpu.values().stream().mapToLong(Duration::toMillis).sum() / 1000.0;
    }

    /** Peak resident memory of any one of its processes, in MB; -1 when the system does not tell. */
    synchronized double peakRssMb() {
        return peakRssKb < 0 ? -1 : peakRssKb / 1024.0;
    }

    synchronized double rssMb() {
        return lastRssKb < 0 ? -1 : lastRssKb / 1024.0;
    }

    private static long statusKb(long pid, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process just ended
        }
        return -1;
    }
}
