package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.CharterNotInEffect;
import io.tabsynth.engine.governance.QuorumNotMet;
import io.tabsynth.engine.governance.ReleaseChecksFailed;
import io.tabsynth.engine.governance.optout.OptOutsNotHonoured;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a command whose documents may lack approvals: a missing approval is exit 3, naming who still has to sign, and so
 * is a release whose certified report failed its checks, naming them, and a fit on data that still holds keys of the
 * charter's opt-out list, and a step under a charter not yet in effect.
 */
final class ApprovalExit {
    /** Exit code when a plan, a release or a charter lacks the approvals its charter asks for. */
    static final int APPROVAL_MISSING = 3;

    private ApprovalExit() {
    }

    static int run(CommandSpec spec, Callable<Integer> command) throws Exception {
        try {
            return command.call();
        } catch (QuorumNotMet | CharterNotInEffect | ReleaseChecksFailed | OptOutsNotHonoured e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return APPROVAL_MISSING;
        }
    }
}
