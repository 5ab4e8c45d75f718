package io.tabsynth.spi;

/**
 * The user's input is wrong: a malformed file, an unknown column, a bad parameter. The message names the
 * file, row and column where it can. The command line maps it to exit code 2.
 */
public class BadInputException extends TabsynthException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
