package io.tabsynth.bench;

/** Polls the used heap every millisecond on a daemon thread and remembers the highest value seen. */
final class HeapWatch {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    private HeapWatch() {
        thread = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tabsynth-heap-watch");
        thread.setDaemon(true);
    }

    static HeapWatch start() {
        System.gc();
        HeapWatch w = new HeapWatch();
        w.thread.start();
        return w;
    }

    /** Stops polling; the peak in bytes. */
    long stop() {
        running = false;
        return peak;
    }
}
