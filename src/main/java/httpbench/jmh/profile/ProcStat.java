package httpbench.jmh.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux counters that say which resource a loaded row ran out of: how busy all the machine's CPUs were (every
 * process: client, embedded or standalone server, JIT, GC, anything else) and this process's resident memory.
 * Unavailable elsewhere ({@code NaN} / -1): the metrics are then left out.
 */
final class ProcStat {
    private ProcStat() {}

    /** Jiffies of all CPUs: busy (user, nice, system, irq, softirq, steal) and total (busy + idle + iowait). */
    record Cpu(long busy, long total) {
        /** Busy share between {@code this} and {@code end}, in %; NaN when nothing elapsed or unknown. */
        double busyPctUntil(Cpu end) {
            if (end == null || end.total <= total) return Double.NaN;
            return 100.0 * (end.busy - busy) / (end.total - total);
        }
    }

    /** The first ("cpu ") line of /proc/stat, or null. */
    static Cpu cpu() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat")); // not readString: size 0 in /proc
            return lines.isEmpty() ? null : parse(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Cpu parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8 || !f[0].equals("cpu")) return null;
        long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]), steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new Cpu(busy, busy + idle + iowait);
    }

    /** This process's resident set (VmRSS) in MiB, or -1. */
    static double rssMiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    String[] f = l.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
