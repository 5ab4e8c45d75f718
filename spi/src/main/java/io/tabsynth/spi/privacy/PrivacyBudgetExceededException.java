package io.tabsynth.spi.privacy;

/** A mechanism would spend more than the budget left; thrown before it draws any noise or reads any value. */
public final class PrivacyBudgetExceededException extends RuntimeException {
    public PrivacyBudgetExceededException(String message) {
        super(message);
    }
}
