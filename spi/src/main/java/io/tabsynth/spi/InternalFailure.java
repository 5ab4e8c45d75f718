package io.tabsynth.spi;

import java.util.regex.Pattern;

/**
 * A failure nobody foresaw (a bug in tabsynth or a plugin), with what was being done when it happened. Its
 * message never is an exception's class name: it is the cause's own explanation, or says there is none.
 * Exit code 1; the stack trace is the cause's.
 */
public class InternalFailure extends TabsynthException {
    /** A leading {@code java.lang.IllegalStateException: } that wrapping exceptions put before a message. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^([a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*(Exception|Error)(: |$)");

    private final String doing;
    private final boolean outOfMemory;

    public InternalFailure(String doing, Throwable cause) {
        super(message(doing, cause), cause);
        this.doing = doing;
        this.outOfMemory = cause instanceof OutOfMemoryError;
    }

    /** What was being done, e.g. {@code fitting gaussian-copula to data.csv, column 'age'}. */
    public String doing() {
        return doing;
    }

    /** True if Java ran out of memory (no bug: the data needs more). */
    public boolean outOfMemory() {
        return outOfMemory;
    }

    private static String message(String doing, Throwable cause) {
        String where = doing.isEmpty() ? "" : " while " + doing;
        if (cause instanceof OutOfMemoryError) {
            return "ran out of memory" + where + "; give Java more, e.g. TABSYNTH_JAVA_OPTS=-Xmx8g";
        }
        return "internal error" + where + ": " + explanation(cause);
    }

    /**
     * The first message in the cause chain that says more than a class name, or a plain "no explanation".
     */
    static String explanation(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            while (m != null && CLASS_PREFIX.matcher(m).find()) {
                m = CLASS_PREFIX.matcher(m).replaceFirst("");
            }
            if (m != null && !m.isBlank()) {
                return m.strip();
            }
        }
        return "no explanation was given";
    }
}
