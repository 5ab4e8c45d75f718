package io.tabsynth.engine.run;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.privacy.BudgetGate;
import io.tabsynth.engine.privacy.BudgetLimit;
import io.tabsynth.engine.privacy.LedgerFits;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareValues;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The privacy budget across fits (docs/privacy.md, "The budget ledger"): what the ledgers recorded on a real dataset,
 * and the gate that refuses a fit a policy's {@code privacyBudget} does not allow, before the data is read.
 */
final class PrivacyBudgeting {
    private final Extensions extensions;
    private final Recorder recorder;

    PrivacyBudgeting(Extensions extensions, Recorder recorder) {
        this.extensions = extensions;
        this.recorder = recorder;
    }

    /** See {@link Engine#checkPrivacyBudget}. */
    void check(Path policy, Path data, String contentSha256, String generatorId, Map<String, String> params) {
        List<BudgetLimit> limits = BudgetLimit.read(policy);
        recorder.remember(policy);
        check(limits, data, contentSha256, generatorId, params);
    }

    /** See {@link Engine#checkPrivacyBudget(List, Path, String, String, Map)}. */
    void check(List<BudgetLimit> limits, Path data, String contentSha256, String generatorId, Map<String, String> params) {
        if (limits.isEmpty()) {
            return;
        }
        Generator generator = extensions.generator(generatorId).extension();
        if (!generator.needsData()) {
            return;
        }
        if (data == null) {
            throw new BadInputException("generator '" + generatorId + "' learns from real data: give --data");
        }
        Map<String, String> own = new LinkedHashMap<>(params);
        own.remove(RareValues.PARAM);
        Params resolved = Params.resolve("generator '" + generatorId + "'", generator.describe(), own);
        new BudgetGate(trust(), List.of(recorder.lineage().ledger().file()))
                .check(limits, data, contentSha256, generatorId, generator.plannedPrivacyCost(resolved));
    }

    /** See {@link Engine#privacyBudget}. */
    SpentBudget spent(Frame data, List<Path> ledgers) {
        Artifact source = Artifact.of(data);
        if (source == null) {
            throw new BadInputException("the privacy budget is kept per real data file: read the data from its file");
        }
        List<Path> read = ledgers.isEmpty() ? List.of(recorder.lineage().ledger().file()) : ledgers;
        return new SpentBudget(source.path(), source.sha256(), source.contentSha256(), read,
                new LedgerFits(trust()).on(read, source.sha256(), source.contentSha256()));
    }

    private TrustStore trust() {
        return TrustStore.standard(recorder.lineage().keys());
    }
}
