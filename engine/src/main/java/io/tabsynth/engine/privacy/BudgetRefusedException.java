package io.tabsynth.engine.privacy;

import io.tabsynth.spi.TabsynthException;

/**
 * A fit refused before it read the data, because a privacy budget limit does not allow it: the command line exits
 * with 3, as for a failed policy gate. The message says what was spent, by which fits and when, and what the fit
 * would add.
 */
public final class BudgetRefusedException extends TabsynthException {
    public BudgetRefusedException(String message) {
        super(message);
    }
}
