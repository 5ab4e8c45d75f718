package io.tabsynth.shell;

import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.data.io.TablesawStartup;
import io.tabsynth.shell.cli.BenchCommand;
import io.tabsynth.shell.cli.CertifyCommand;
import io.tabsynth.shell.cli.EvaluateCommand;
import io.tabsynth.shell.cli.FitCommand;
import io.tabsynth.shell.cli.KeysCommand;
import io.tabsynth.shell.cli.LineageCommand;
import io.tabsynth.shell.cli.NotebookCommand;
import io.tabsynth.shell.cli.PluginsCommand;
import io.tabsynth.shell.cli.RetireCommand;
import io.tabsynth.shell.cli.RevocationsCommand;
import io.tabsynth.shell.cli.RevokeCommand;
import io.tabsynth.shell.cli.PrivacyCommand;
import io.tabsynth.shell.cli.RulesCommand;
import io.tabsynth.shell.cli.RunCommand;
import io.tabsynth.shell.cli.SampleCommand;
import io.tabsynth.shell.cli.ShellCommand;
import io.tabsynth.shell.cli.SynthCommand;
import io.tabsynth.shell.jupyter.JupyterCommand;
import io.tabsynth.shell.demo.DemoCommand;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.InternalFailure;
import io.tabsynth.spi.TabsynthException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code tabsynth} command. Exit codes: 0 success, 1 failure, 2 bad usage or bad input, 3 a policy gate
 * failed, 4 lineage verification failed.
 */
@Command(name = "tabsynth", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Tabsynth.Version.class,
        description = "Synthetic tabular data with measured quality and signed lineage.",
        footer = {"", "Exit codes: 0 success, 1 failure, 2 bad usage or bad input, 3 a policy gate failed, "
                + "4 lineage verification failed.",
                "Internal errors: set " + Tabsynth.DEBUG + "=1 to print the stack trace."},
        subcommands = {PluginsCommand.class, FitCommand.class, SampleCommand.class, SynthCommand.class,
                EvaluateCommand.class, io.tabsynth.shell.cli.CharterCommand.class, io.tabsynth.shell.cli.ApproveCommand.class, RulesCommand.class, RunCommand.class, ShellCommand.class, NotebookCommand.class, JupyterCommand.class, LineageCommand.class, PrivacyCommand.class, CertifyCommand.class, KeysCommand.class, DemoCommand.class, BenchCommand.class, RevokeCommand.class, RetireCommand.class, RevocationsCommand.class, io.tabsynth.shell.cli.RevalidateCommand.class, io.tabsynth.shell.cli.RegistryCommand.class,
                CommandLine.HelpCommand.class})
public final class Tabsynth {
    /** Success. */
    public static final int OK = 0;
    /** Something failed that is not the user's input. */
    public static final int FAILURE = 1;
    /** Bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** The environment variable that, set, prints the stack trace of a failure. */
    public static final String DEBUG = "TABSYNTH_DEBUG";

    public static void main(String[] args) {
        TablesawStartup.loadTableClass(); // first, while this is the only thread: see its description
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Tabsynth());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Tabsynth::usageError);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof io.tabsynth.engine.lineage.VerificationException) {
                line.getErr().println("FAILED: " + e.getMessage());
                return 4;
            }
            if (e instanceof io.tabsynth.engine.privacy.BudgetRefusedException) {
                line.getErr().println("error: " + e.getMessage());
                return EvaluateCommand.GATE_FAILED;
            }
            if (e instanceof BadInputException) {
                line.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            line.getErr().println("error: " + failure(e, line.getCommandSpec().qualifiedName()));
            if (System.getenv(DEBUG) != null) {
                e.printStackTrace(line.getErr());
            }
            return FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The message of a failure that is not the user's input: a {@link TabsynthException} says what went wrong;
     * anything else is a bug, named by what was being done and how to see the stack trace, never by the
     * exception's class.
     */
    static String failure(Exception e, String command) {
        Exception named = e instanceof TabsynthException ? e : new InternalFailure("", e);
        if (!(named instanceof InternalFailure)) {
            return named.getMessage();
        }
        String message = command + ": " + named.getMessage();
        if (((InternalFailure) named).outOfMemory()) {
            return message;
        }
        return message + (System.getenv(DEBUG) != null ? " (stack trace below)"
                : " (a bug in tabsynth or a plugin; run again with " + DEBUG + "=1 to see the stack trace)");
    }

    /**
     * A bad option or argument: the one line that says what is wrong (with picocli's "did you mean" for a
     * misspelt option or command) and where the full usage is, instead of the usage itself.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        List<String> unmatched = line.getUnmatchedArguments();
        if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
            // picocli checks required options first; a misspelt one ('--row') is the cause of the missing one ('--rows')
            e = new CommandLine.UnmatchedArgumentException(line, unmatched);
        }
        err.println("error: " + (e instanceof CommandLine.UnmatchedArgumentException u ? unmatched(u) : e.getMessage()));
        err.println("see '" + line.getCommandSpec().qualifiedName() + " --help'");
        return BAD_INPUT;
    }

    /**
     * What is wrong with the first word picocli could not place, in words: an unknown option, a word that is not a
     * command, or an argument the command does not take; with the closest names where there are some.
     */
    static String unmatched(CommandLine.UnmatchedArgumentException e) {
        CommandLine line = e.getCommandLine();
        String word = line.getUnmatchedArguments().get(0);
        List<String> close = e.getSuggestions();
        String suggestion = close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
        String command = line.getCommandSpec().qualifiedName();
        if (word.startsWith("-")) {
            return "unknown option '" + word.replaceFirst("=.*", "") + "' for " + command + suggestion;
        }
        if (!line.getSubcommands().isEmpty()) {
            return "'" + word + "' is not a " + command + " command" + suggestion;
        }
        return command + " takes no argument '" + word + "'" + suggestion;
    }

    /** Prints the engine version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tabsynth " + EngineVersion.get() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
