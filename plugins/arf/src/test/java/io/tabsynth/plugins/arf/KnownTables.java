package io.tabsynth.plugins.arf;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables with planted structure, made by code, and fitting the generator to them. */
final class KnownTables {
    /** The regions a category decides for the number in {@link #ranges}: tier i puts it in [lo, lo + width]. */
    static final String[] TIERS = {"low", "mid", "high"};
    static final double[] TIER_LOW = {0, 100, 1000};
    static final double TIER_WIDTH = 10;
    static final int STATES = 6;
    static final int CITIES_PER_STATE = 5;
    static final int ZIPS_PER_CITY = 4;

    private KnownTables() {
    }

    static Model fit(Frame data, Map<String, String> params, long seed) {
        AdversarialRandomForest g = new AdversarialRandomForest();
        return g.fit(data, Params.resolve("generator 'arf'", g.describe(), params), FitContext.of(seed));
    }

    /** A number from one of two normals, at -5 or at +5 (spread 1), and a category unrelated to it. */
    static Frame bimodal(int rows, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[rows];
        String[] noise = new String[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = (rng.nextDouble() < 0.5 ? -5 : 5) + rng.nextGaussian();
            noise[i] = "n" + rng.nextInt(3);
        }
        return frame(Table.create("bimodal", DoubleColumn.create("x", x), StringColumn.create("noise", noise)),
                Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("noise", ColumnKind.CATEGORICAL)));
    }

    /** A tier, and a number uniform in the tier's own range. */
    static Frame ranges(int rows, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[rows];
        String[] tier = new String[rows];
        for (int i = 0; i < rows; i++) {
            int t = rng.nextInt(TIERS.length);
            tier[i] = TIERS[t];
            x[i] = TIER_LOW[t] + TIER_WIDTH * rng.nextDouble();
        }
        return frame(Table.create("ranges", StringColumn.create("tier", tier), DoubleColumn.create("x", x)),
                Schema.of(ColumnSpec.of("tier", ColumnKind.CATEGORICAL), ColumnSpec.of("x", ColumnKind.CONTINUOUS)));
    }

    /** Addresses: a zip code decides its city, a city its state; an unrelated amount beside them. */
    static Frame addresses(int rows, long seed) {
        Rng rng = new Rng(seed);
        String[] zip = new String[rows];
        String[] city = new String[rows];
        String[] state = new String[rows];
        double[] amount = new double[rows];
        for (int i = 0; i < rows; i++) {
            int z = rng.nextInt(STATES * CITIES_PER_STATE * ZIPS_PER_CITY);
            int c = z / ZIPS_PER_CITY;
            zip[i] = String.format("%05d", 10_000 + z * 7);
            city[i] = "city" + c;
            state[i] = "S" + (char) ('A' + c / CITIES_PER_STATE);
            amount[i] = Math.exp(3 + rng.nextGaussian());
        }
        return frame(Table.create("addresses", StringColumn.create("zip", zip), StringColumn.create("city", city),
                        StringColumn.create("state", state), DoubleColumn.create("amount", amount)),
                Schema.of(ColumnSpec.of("zip", ColumnKind.CATEGORICAL), ColumnSpec.of("city", ColumnKind.CATEGORICAL),
                        ColumnSpec.of("state", ColumnKind.CATEGORICAL), ColumnSpec.of("amount", ColumnKind.CONTINUOUS)));
    }

    /** Whether a row of {@link #addresses} has the city of its zip and the state of its city. */
    static boolean consistent(String zip, String city, String state) {
        int z = (Integer.parseInt(zip) - 10_000) / 7;
        int c = z / ZIPS_PER_CITY;
        return city.equals("city" + c) && state.equals("S" + (char) ('A' + c / CITIES_PER_STATE));
    }

    private static Frame frame(Table t, Schema schema) {
        return Frame.of(t, schema);
    }
}
