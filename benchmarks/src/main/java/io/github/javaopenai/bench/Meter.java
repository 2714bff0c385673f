package io.github.javaopenai.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;

/** Reads this process's wall clock, CPU time and allocated bytes, for before/after deltas. */
final class Meter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Method TOTAL_ALLOCATED = totalAllocated();

    private Meter() {
    }

    /** A reading of the three counters. */
    record Reading(long wallNanos, long cpuNanos, long allocatedBytes) {
        /** Returns the counters spent since {@code before}. */
        Reading minus(Reading before) {
            return new Reading(wallNanos - before.wallNanos, cpuNanos - before.cpuNanos,
                    allocatedBytes - before.allocatedBytes);
        }
    }

    /** Reads the counters now. */
    static Reading read() {
        return new Reading(System.nanoTime(), OS.getProcessCpuTime(), allocatedBytes());
    }

    /**
     * Returns the bytes allocated by every thread of the process: JDK 21+ counts threads that
     * ended too; on older JDKs, the live threads only (the clients keep their threads alive).
     */
    static long allocatedBytes() {
        if (TOTAL_ALLOCATED != null) {
            try {
                return (long) TOTAL_ALLOCATED.invoke(THREADS);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(bytes, 0);
        }
        return total;
    }

    private static Method totalAllocated() {
        try {
            return com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Resets the peak usage of every heap pool. */
    static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * Returns the sum of the heap pools' peak usage since the last reset: an upper bound of the
     * peak heap, since the pools need not peak at the same moment.
     */
    static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
