package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.workbench.Session;
import io.tabsynth.shell.workbench.Streams;
import io.tabsynth.shell.workbench.Workbench;
import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth run SCRIPT.jsh [args]}: runs a saved JShell script non-interactively. */
@Command(name = "run", description = "Run a saved JShell script (.jsh) with the workbench API; args() holds the "
        + "arguments after the script. The first failing snippet stops the run with its line and exit 1 (2 for bad input, 4 for failed verification); "
        + "a run in which a policy gate failed exits 3.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Parameters(index = "0", paramLabel = "SCRIPT.jsh", description = "the script")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments for the script")
    List<String> args = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--dir", paramLabel = "DIR",
            description = "resolve the script's relative file names against DIR (default: the working directory)")
    Path dir = Path.of("");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String source;
        try {
            source = Files.readString(script);
        } catch (NoSuchFileException e) {
            throw new BadInputException(script + ": script not found");
        } catch (IOException e) {
            throw new BadInputException(script + ": cannot read: " + e.getMessage(), e);
        }
        try (Engine e = engine.open(); Streams io = new Streams(spec.commandLine().getOut(), spec.commandLine().getErr())) {
            Workbench.open(e, args, dir);
            try (Session session = new Session(io.out(), io.err())) {
                Session.Failure f = session.run(source, 1, null);
                if (f != null) {
                    io.out().flush();
                    spec.commandLine().getErr().println("error: " + script + " line " + f.line() + ": " + f.message());
                    return exitCode(f);
                }
            }
            return EvaluateCommand.gatesOfRun(spec.commandLine().getErr());
        }
    }

    /**
     * The command line's exit code for a snippet's failure: 2 for bad input (a missing file, an output that is an
     * input), 3 for a fit a privacy budget limit refused or a charter's missing approval or unhonoured opt-out list,
     * 4 for failed lineage verification, 1 for anything else (a snippet that does not compile included).
     */
    static int exitCode(Session.Failure f) {
        return switch (f.kind()) {
            case "BadInputException" -> 2;
            case "VerificationException" -> 4;
            case "BudgetRefusedException", "QuorumNotMet", "CharterNotInEffect", "ReleaseChecksFailed",
                    "OptOutsNotHonoured" ->
                    EvaluateCommand.GATE_FAILED;
            default -> 1;
        };
    }
}
