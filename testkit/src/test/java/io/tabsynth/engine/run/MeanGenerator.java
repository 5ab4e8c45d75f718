package io.tabsynth.engine.run;

import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pf4j.Extension;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** A test generator on the class path: normal noise around the mean of the first column. */
@Extension
public final class MeanGenerator implements Generator {
    @Override
    public String id() {
        return "mean";
    }

    @Override
    public String description() {
        return "test generator";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(ParamSpec.real("spread", 1, 0, 100, "standard deviation"));
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        return new Mean(data.schema(), data.doubles(data.schema().column(0).name()).mean(), params.getDouble("spread"));
    }

    @Override
    public Model load(InputStream in) throws IOException {
        String[] parts = new String(in.readAllBytes(), StandardCharsets.UTF_8).split(" ");
        return new Mean(Schema.of(io.tabsynth.spi.data.ColumnSpec.of(parts[0],
                io.tabsynth.spi.data.ColumnKind.CONTINUOUS)), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    }

    static final class Mean extends BatchedModel {
        final Schema schema;
        final double mean;
        final double spread;

        Mean(Schema schema, double mean, double spread) {
            this.schema = schema;
            this.mean = mean;
            this.spread = spread;
        }

        @Override
        protected Frame sampleBatch(long batch, int rows, Rng rng) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = mean + spread * rng.nextGaussian();
            }
            return Frame.of(Table.create("m").addColumns(DoubleColumn.create(schema.column(0).name(), v)), schema);
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public void save(OutputStream out) throws IOException {
            out.write((schema.column(0).name() + " " + mean + " " + spread).getBytes(StandardCharsets.UTF_8));
        }
    }
}
