package io.tabsynth.shell.demo;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.shell.cli.EngineOptions;
import io.tabsynth.shell.cli.TerminalProgress;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tabsynth demo}: the whole path on made-up data ({@link DemoData}): write the real table, read it back
 * with kind inference, fit the Gaussian copula, save the model, sample, write CSV and Parquet, and compare.
 */
@Command(name = "demo", description = "Run the whole path on generated customer data and show what happened.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--rows", defaultValue = "5000", description = "real rows to make (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--samples", defaultValue = "10000", description = "synthetic rows to sample (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "42", description = "seed for everything (default ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path realCsv = dir.resolve("customers.csv");
        Path modelFile = dir.resolve("customers.model");
        Path synCsv = dir.resolve("synthetic.csv");
        Path synParquet = dir.resolve("synthetic.parquet");
        Progress progress = TerminalProgress.forConsole();
        try (Engine e = engine.open()) {
            createFolder();
            out.printf(Locale.ROOT, "1. made %,d customers (recipe: docs/demo.md) -> %s%n", rows, realCsv);
            e.write(DemoData.customers(rows, seed), realCsv);
            Path holdoutCsv = dir.resolve("holdout.csv");
            e.write(DemoData.customers(Math.max(100, rows / 4), seed + 1), holdoutCsv);

            Frame real = e.read(realCsv, null);
            out.println("2. read it back; inferred kinds: " + real.schema());

            long t0 = System.nanoTime();
            FittedModel model = e.fit(real, "gaussian-copula", Map.of(), seed, progress);
            model = e.save(model, modelFile);
            out.printf(Locale.ROOT, "3. fitted gaussian-copula (%s %s) in %.2f s -> %s%n", model.info().pluginId(),
                    model.info().pluginVersion(), (System.nanoTime() - t0) / 1e9, modelFile);

            t0 = System.nanoTime();
            e.sample(model, samples, seed, synCsv, progress);
            e.sample(model, samples, seed, synParquet, progress);
            out.printf(Locale.ROOT, "4. sampled %,d rows (seed %d) in %.2f s -> %s and %s (same rows)%n", samples, seed,
                    (System.nanoTime() - t0) / 1e9, synCsv, synParquet);

            Frame syn = e.read(synCsv, null);
            out.println("5. real versus synthetic:");
            out.print(Comparison.columns(real, syn, model.model().describeColumns()));
            out.println("   rank correlations (Spearman), real -> synthetic:");
            for (String[] pair : new String[][] {{"age", "income"}, {"income", "monthly_spend"}, {"income", "savings"}}) {
                out.printf(Locale.ROOT, "     %-8s ~ %-14s %6.3f -> %6.3f%n", pair[0], pair[1],
                        Comparison.spearman(real, pair[0], pair[1]), Comparison.spearman(syn, pair[0], pair[1]));
            }
            Path reportFile = dir.resolve("report.json");
            var report = e.evaluate(new io.tabsynth.engine.run.EvaluateRequest(realCsv, holdoutCsv, synCsv, null,
                    java.util.List.of(), Map.of("quasi", "age,segment,city", "target", "segment", "protected", "churned"), null, reportFile,
                    dir.resolve("report.html")));
            out.printf(Locale.ROOT, "   evaluated against the real data and an independent holdout (%s) -> %s:", holdoutCsv, reportFile);
            report.properties().forEach(en -> out.printf(Locale.ROOT, " %s %s", en.getKey(),
                    en.getValue().path("score").isNumber() ? String.format(Locale.ROOT, "%.4f",
                            en.getValue().path("score").asDouble()) : "-"));
            out.println();
            io.tabsynth.engine.lineage.Verification v = new io.tabsynth.engine.lineage.Verifier(
                    io.tabsynth.engine.lineage.TrustStore.standard(e.lineage().keys())).verifyFile(synCsv);
            out.printf(Locale.ROOT, "6. lineage of %s: %s (%d signed records; ledger %s)%n", synCsv,
                    v.ok() ? "verified" : "FAILED " + v.problems(), v.records(), e.lineage().ledger().file());
            out.print(io.tabsynth.engine.lineage.History.of(synCsv).indent(3));
            String me = System.getProperty("tabsynth.command", "tabsynth"); // how the user started tabsynth
            out.println("next: " + me + " fit --data " + realCsv + " --generator gaussian-copula --seed 1 --model m.model");
            out.println("      " + me + " sample --model m.model --rows 1000000 --seed 2 --out big.parquet");
            out.println("      " + me + " lineage verify big.parquet && " + me + " lineage show big.parquet");
            out.println("      " + me + " rules infer --data " + realCsv + " --out spec.json   (then --generator rules --param spec=spec.json)");
            out.println("      " + me + " fit --data " + realCsv + " --generator ctgan --param epochs=300 --seed 1 --model gan.model"
                    + "   (CTGAN: minutes, see docs/ctgan.md)");
            out.println("      " + me + " notebook run notebooks/quickstart.ipynb --dir " + dir + " --out " + dir.resolve("quickstart.ipynb")
                    + " --html " + dir.resolve("quickstart.html") + "   or   " + me + " shell");
            return 0;
        }
    }

    /** The demo's own folder ({@code --out DIR}), which it makes as documented; other commands make no folders. */
    private void createFolder() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the demo's folder: " + e.getMessage(), e);
        }
    }
}
