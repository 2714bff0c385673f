package io.github.javaopenai.bench;

import java.lang.management.ManagementFactory;
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

    /**
     * Samples the used heap every 5 ms on a daemon thread and keeps the largest value: the peak a
     * heap graph would show, up to the sampling interval. Also keeps the largest heap in use just
     * after a collection, which tells live data from garbage not yet collected.
     */
    static final class HeapSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;
        private volatile long peakAfterGc;

        HeapSampler() {
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this::afterGc, null, null);
            }
            thread = new Thread(this::sample, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());

                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Returns the largest used heap seen so far, in bytes. */
        long peak() {
            return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        private void afterGc(javax.management.Notification notification, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                    .equals(notification.getType())) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) notification.getUserData());
            long used = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null) {
                    used += after.getUsed();
                }
            }
            peakAfterGc = Math.max(peakAfterGc, used);
        }

        /** Returns the largest heap left in use right after a collection: the live data, roughly. */
        long peakAfterGc() {
            return peakAfterGc;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
