package io.tabsynth.shell.workbench;

/**
 * Hands a snippet's value from the JShell session to its runner (both in this JVM), so notebooks can show
 * frames, samples and reports as HTML rather than as text.
 */
public final class Display {
    private static volatile Object offered;

    private Display() {
    }

    /** Called by the session after a snippet: remembers its value. */
    public static void offer(Object value) {
        offered = value;
    }

    /** The value offered last, once. */
    static Object take() {
        Object v = offered;
        offered = null;
        return v;
    }
}
