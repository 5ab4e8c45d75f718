package io.tabsynth.spi;

/** A failure inside tabsynth that is not the user's input: an I/O error, a broken plugin. Exit code 1. */
public class TabsynthException extends RuntimeException {
    public TabsynthException(String message) {
        super(message);
    }

    public TabsynthException(String message, Throwable cause) {
        super(message, cause);
    }
}
