// tabsynth quickstart as a batch script: tabsynth run notebooks/quickstart.jsh REAL.csv OUT_DIR
// Reads real data, fits a Gaussian copula, samples, evaluates, writes the sample and verifies its lineage.
var input = args().isEmpty() ? "customers.csv" : args().get(0);
var outDir = file(args().size() > 1 ? args().get(1) : "quickstart-out");
Files.createDirectories(outDir);

var real = read(input);
System.out.println(real.rowCount() + " real rows, columns " + real.schema().names());

var m = fit(real, "gaussian-copula", seed(42));
System.out.println(m);

var syn = m.sample(2_000);
System.out.println(syn.head(5));

var report = evaluate(real, syn, evaluators("fidelity"));
report.show();

var out = outDir.resolve("synthetic.parquet").toString();
write(syn, out);
var check = verify(out);
System.out.println(check.ok() ? "lineage verified: " + check.records() + " records" : "lineage FAILED: " + check.problems());
System.out.println(lineage(out));
