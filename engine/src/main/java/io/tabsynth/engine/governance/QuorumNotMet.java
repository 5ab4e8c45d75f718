package io.tabsynth.engine.governance;

import io.tabsynth.spi.TabsynthException;

/** A document lacks approvals its charter asks for; the message names the approvers still needed. Exit code 3. */
public final class QuorumNotMet extends TabsynthException {
    public QuorumNotMet(String where, Quorum quorum) {
        super(where + ": " + quorum.stillNeeded() + "; signed so far: " + quorum.summary().replaceFirst("^.*?: ", ""));
    }

    /** A step that needs an approved document and was given none; the message says how to get one. */
    public QuorumNotMet(String message) {
        super(message);
    }
}
