package io.tabsynth.engine.governance.optout;

import io.tabsynth.spi.TabsynthException;

/**
 * A fit under a charter that names an opt-out list, on data that still holds rows of people on it, without the list
 * excluded. The message names the list, the key column and how many rows; never a key. Exit code 3.
 */
public final class OptOutsNotHonoured extends TabsynthException {
    public OptOutsNotHonoured(String message) {
        super(message);
    }
}
