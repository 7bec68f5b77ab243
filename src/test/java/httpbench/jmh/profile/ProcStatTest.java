package httpbench.jmh.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest {
    @Test
    void busyShareCountsEveryNonIdleStateAndStealButNotIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        ProcStat.Cpu a = ProcStat.parse("cpu  100 0 50 800 50 0 0 0 0 0");
        ProcStat.Cpu b = ProcStat.parse("cpu  250 10 100 900 60 5 5 20 0 0");
        // busy +150+10+50+5+5+20 = 240 of total +240+100+10 = 350
        assertEquals(100.0 * 240 / 350, a.busyPctUntil(b), 1e-9);
        assertTrue(Double.isNaN(b.busyPctUntil(a)), "no time elapsed backwards");
        assertNull(ProcStat.parse("cpu0 1 2 3 4 5 6 7"), "only the all-CPU line");
    }

    @Test
    void thisMachineReadsWhenLinux() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) return;
        ProcStat.Cpu now = ProcStat.cpu();
        assertTrue(now != null && now.total() > 0 && now.busy() <= now.total(), String.valueOf(now));
        double rss = ProcStat.rssMiB();
        assertTrue(rss > 10 && rss < 100_000, "a JVM's resident set, MiB: " + rss);
    }

    @Test
    void theBusiestThreadIsTheLargestCpuDeltaAsAShareOfOneCore() {
        // ids far above any live thread: unnamed, reported by id; thread 3 started during the iteration
        var from = java.util.Map.of(1_000_001L, 0L, 1_000_002L, 100L);
        var to = java.util.Map.of(1_000_001L, 900_000_000L, 1_000_002L, 200L, 1_000_003L, 950_000_000L);
        ThreadAccounting.Busiest b = ThreadAccounting.busiest(from, to, 1_000_000_000L);
        assertEquals(1_000_003L, b.id());
        assertEquals(95.0, b.pct(), 1e-9);
        assertEquals("thread 1000003", b.name());
        assertNull(ThreadAccounting.busiest(from, java.util.Map.of(), 1_000_000_000L));
        // this thread, busy for a moment, is found by name among the live ones
        var now = ThreadAccounting.threadCpu();
        long x = 0;
        for (int i = 0; i < 20_000_000; i++) x += i ^ (x >>> 3);
        ThreadAccounting.Busiest me = ThreadAccounting.busiest(now, ThreadAccounting.threadCpu(), 1);
        assertTrue(me != null && x != 42, "a live thread is found");
    }
}
