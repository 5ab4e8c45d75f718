package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth privacy budget}: the privacy budget spent on a real dataset across recorded fits. */
@Command(name = "privacy", description = "Differential privacy across fits.",
        subcommands = {PrivacyCommand.Budget.class})
public final class PrivacyCommand {
    /** {@code privacy budget --data REAL [--ledger FILE]... [--metadata M] [--delta D] [--json]}. */
    @Command(name = "budget", description = "List every recorded fit on a real dataset and the privacy budget they spent "
            + "together (zCDP composition); each ledger is verified first, and one that does not verify is refused "
            + "(exit 4).")
    static final class Budget implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "REAL", description = "the real data file")
        Path data;

        @Option(names = "--metadata", paramLabel = "M", description = "the metadata file the data is read with")
        Path metadata;

        @Option(names = "--ledger", paramLabel = "FILE",
                description = "a ledger to read (repeatable; default: .tabsynth/ledger.jsonl in the working directory)")
        List<Path> ledgers = new ArrayList<>();

        @Option(names = "--delta", paramLabel = "D", description = "state the total epsilon at this delta (default: the "
                + "deltas the private fits asked for, added)")
        Double delta;

        @Option(names = "--json", description = "print JSON for machines")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            for (Path ledger : ledgers) {
                if (!Files.isRegularFile(ledger)) {
                    throw new BadInputException(ledger + ": ledger file not found");
                }
            }
            if (delta != null && !(delta > 0 && delta < 1)) {
                throw new BadInputException("--delta must lie between 0 and 1, not " + delta);
            }
            Lineage lineage = Lineage.standard(ledgers.isEmpty() ? null : ledgers.get(0));
            try (Engine e = Engine.open(new EngineOptions().pluginsDir(), true, lineage)) {
                SpentBudget spent = e.privacyBudget(e.read(data, metadata), ledgers);
                double at = delta != null ? delta : spent.deltaAsked();
                if (json) {
                    spec.commandLine().getOut().println(new String(JsonOutput.pretty(spent.toMap(at), "privacy budget"),
                            StandardCharsets.UTF_8).stripTrailing());
                } else {
                    spec.commandLine().getOut().print(spent.table(at));
                }
                return 0;
            }
        }
    }
}
