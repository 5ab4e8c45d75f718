package io.tabsynth.engine.governance;

import io.tabsynth.spi.TabsynthException;

/**
 * A step was asked to act under a charter whose {@code issued} date is still to come: fits, plans and approvals under
 * it are refused until that day (UTC). Exit code 3, as for a missing approval.
 */
public final class CharterNotInEffect extends TabsynthException {
    public CharterNotInEffect(String message) {
        super(message);
    }
}
