package io.tabsynth.plugins.dp;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Made-up tables for the dp-marginals tests, and a fit with given parameters. */
final class Tables {
    static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "PL"};

    private Tables() {
    }

    /**
     * {@code rows} rows: a city (20 cities, 4 per country), its country (fully determined by the city), and
     * {@code noise} columns of 4 values drawn independently of everything.
     */
    static Frame cities(int rows, int noise, long seed) {
        Rng rng = new Rng(seed);
        List<StringColumn> columns = new ArrayList<>();
        StringColumn city = StringColumn.create("city");
        StringColumn country = StringColumn.create("country");
        columns.add(city);
        columns.add(country);
        for (int n = 0; n < noise; n++) {
            columns.add(StringColumn.create("noise" + n));
        }
        for (int r = 0; r < rows; r++) {
            int c = rng.nextInt(COUNTRIES.length * 4);
            city.append("city" + c);
            country.append(COUNTRIES[c / 4]);
            for (int n = 0; n < noise; n++) {
                columns.get(2 + n).append("v" + rng.nextInt(4));
            }
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (StringColumn c : columns) {
            specs.add(ColumnSpec.of(c.name(), ColumnKind.CATEGORICAL));
        }
        return Frame.of(Table.create("cities", columns.toArray(new StringColumn[0])), Schema.of(specs));
    }

    static DpMarginalsModel fit(Frame data, Map<String, String> params, long seed) {
        DpMarginals g = new DpMarginals();
        return (DpMarginalsModel) g.fit(data, Params.resolve(g.id(), g.describe(), params), FitContext.of(seed));
    }
}
