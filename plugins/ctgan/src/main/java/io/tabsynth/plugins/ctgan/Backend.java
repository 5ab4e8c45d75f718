package io.tabsynth.plugins.ctgan;

import org.nd4j.common.config.ND4JClassLoading;

/**
 * Points ND4J at this plugin's class loader before its first use. ND4J finds its native backend with a
 * service loader on the thread's context class loader, which inside the tabsynth host is the host's, where
 * the plugin's libraries are not.
 */
final class Backend {
    private static volatile boolean ready;

    private Backend() {
    }

    static void ensure() {
        if (!ready) {
            synchronized (Backend.class) {
                if (!ready) {
                    ND4JClassLoading.setNd4jClassloaderFromClass(Backend.class);
                    ready = true;
                }
            }
        }
    }
}
