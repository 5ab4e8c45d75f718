package io.tabsynth.shell.demo;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.time.LocalDate;
import java.time.LocalDateTime;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The demo's made-up customer table, so the demo ships no third-party data. The recipe (also in
 * docs/demo.md), per row, with one latent normal {@code w} for wealth and one {@code a} for age:
 * <ul>
 *   <li>{@code customer_id}: {@code CUST-000001}, ... (identifier)</li>
 *   <li>{@code age}: round(41 + 13·a), clipped to [18, 90] (integer)</li>
 *   <li>{@code income}: exp(10.4 + 0.45·(0.5·a + 0.87·w)), two decimals; 4 % missing (continuous, skewed)</li>
 *   <li>{@code monthly_spend}: income / 12 · (0.15 + 0.05·normal), at least 0, two decimals</li>
 *   <li>{@code savings}: 0 for 55 % of customers (more often for low wealth), else exp(8 + 1.4·w + normal):
 *       a money column with a spike at zero and a heavy tail</li>
 *   <li>{@code city}: one of 400 made-up towns with Zipf-like shares; 2 % missing (categorical, many levels)</li>
 *   <li>{@code segment}: consumer / small business / enterprise / public sector, leaning on wealth</li>
 *   <li>{@code signup_date}: a day in 2018-2024, older customers earlier on average (datetime)</li>
 *   <li>{@code churned}: true with probability 1 / (1 + exp(2 + 0.002·spend)) (boolean)</li>
 * </ul>
 */
public final class DemoData {
    private static final String[] START = {"Ash", "Bel", "Cal", "Dun", "El", "Fen", "Glen", "Har", "Ives", "Kil",
            "Lan", "Mor", "Nor", "Oak", "Pen", "Rad", "Sal", "Thorn", "Ul", "Wen"};
    private static final String[] END = {"ford", "ham", "wick", "bury", "ton", "field", "mouth", "stead", "by",
            "worth", "cliffe", "mere", "dale", "port", "well", "gate", "holm", "ley", "marsh", "brook"};
    private static final String[] SEGMENTS = {"consumer", "small business", "enterprise", "public sector"};

    private DemoData() {
    }

    /** {@code n} customers drawn from the recipe with the given seed. */
    public static Frame customers(int n, long seed) {
        Rng rng = new Rng(seed);
        String[] id = new String[n];
        long[] age = new long[n];
        double[] income = new double[n];
        double[] spend = new double[n];
        double[] savings = new double[n];
        String[] city = new String[n];
        String[] segment = new String[n];
        LocalDateTime[] signup = new LocalDateTime[n];
        BooleanColumn churned = BooleanColumn.create("churned");
        long first = LocalDate.of(2018, 1, 1).toEpochDay();
        long days = LocalDate.of(2024, 12, 31).toEpochDay() - first;
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian();
            double w = rng.nextGaussian();
            id[i] = String.format("CUST-%06d", i + 1);
            age[i] = Math.max(18, Math.min(90, Math.round(41 + 13 * a)));
            double inc = Math.exp(10.4 + 0.45 * (0.5 * a + 0.87 * w));
            income[i] = rng.nextDouble() < 0.04 ? Double.NaN : Math.round(inc * 100) / 100.0;
            double s = Math.max(0, inc / 12 * (0.15 + 0.05 * rng.nextGaussian()));
            spend[i] = Math.round(s * 100) / 100.0;
            savings[i] = rng.nextDouble() < 0.55 - 0.2 * Math.tanh(w) ? 0
                    : Math.round(Math.exp(8 + 1.4 * w + rng.nextGaussian()) * 100) / 100.0;
            int town = (int) Math.floor(Math.pow(400, rng.nextDouble() * rng.nextDouble())) - 1;
            city[i] = rng.nextDouble() < 0.02 ? "" : START[town % 20] + END[(town / 20) % 20];
            double seg = w + 0.8 * rng.nextGaussian();
            segment[i] = SEGMENTS[seg < 0.3 ? 0 : seg < 1.2 ? 1 : seg < 1.9 ? 2 : 3];
            double pos = Math.max(0, Math.min(1, 0.5 - 0.15 * a + 0.25 * rng.nextGaussian()));
            signup[i] = LocalDate.ofEpochDay(first + Math.round(pos * days)).atStartOfDay();
            churned.append(rng.nextDouble() < 1 / (1 + Math.exp(2 + 0.002 * s)));
        }
        Table t = Table.create("customers").addColumns(StringColumn.create("customer_id", id),
                LongColumn.create("age", age), DoubleColumn.create("income", income),
                DoubleColumn.create("monthly_spend", spend), DoubleColumn.create("savings", savings),
                StringColumn.create("city", city), StringColumn.create("segment", segment),
                DateTimeColumn.create("signup_date", signup), churned);
        return Frame.of(t, Schema.of(ColumnSpec.of("customer_id", ColumnKind.IDENTIFIER),
                ColumnSpec.of("age", ColumnKind.INTEGER), ColumnSpec.of("income", ColumnKind.CONTINUOUS),
                ColumnSpec.of("monthly_spend", ColumnKind.CONTINUOUS), ColumnSpec.of("savings", ColumnKind.CONTINUOUS),
                ColumnSpec.of("city", ColumnKind.CATEGORICAL), ColumnSpec.of("segment", ColumnKind.CATEGORICAL),
                new ColumnSpec("signup_date", ColumnKind.DATETIME, "yyyy-MM-dd"),
                ColumnSpec.of("churned", ColumnKind.BOOLEAN)));
    }
}
