package io.tabsynth.engine.data.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.NumberText;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's overrides for reading a data file, from a JSON metadata file ({@code --metadata}):
 * <pre>
 * { "columns": { "age": {"kind": "integer", "missingValues": ["unknown"]},
 *                "joined": {"kind": "datetime", "format": "dd/MM/yyyy"},
 *                "income": {"kind": "continuous", "bounds": [0, 1000000]},
 *                "sex": {"kind": "categorical", "categories": ["Female", "Male"]} },
 *   "missingValues": ["", "?"] }
 * </pre>
 * A number column's {@code format} is a {@link NumberText} pattern ({@code "'$'#,##0.00"}).
 * The top-level {@code missingValues} replace the default set for every column; a column's own are read as
 * missing in that column besides them.
 * Kinds may also be given as SDV's {@code "sdtype"} ({@code numerical}, {@code categorical}, {@code id}, ...),
 * so an SDV metadata file works as it is. Columns not named keep their inferred kind.
 * A continuous or integer column's {@code bounds} and a categorical column's {@code categories} are declared
 * public ({@link DeclaredDomain}): differentially private generators take them as given instead of paying for
 * them.
 *
 * @param columns       kind (and format) per named column
 * @param missingValues the cell texts read as missing
 * @param source        the file it came from, for error messages; {@code null} when built in code
 * @param domains       the domains declared public, by column name
 */
public record Metadata(Map<String, ColumnSpec> columns, MissingValues missingValues, Path source,
                       Map<String, DeclaredDomain> domains) {
    /** No overrides: infer every kind, default missing values. */
    public static final Metadata NONE = new Metadata(Map.of(), MissingValues.DEFAULT, null);

    public Metadata {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** Metadata that declares no domain public. */
    public Metadata(Map<String, ColumnSpec> columns, MissingValues missingValues, Path source) {
        this(columns, missingValues, source, Map.of());
    }

    /** Metadata that reads every column of the schema with its kind and format (e.g. synthetic data like its real data). */
    public static Metadata of(Schema schema, MissingValues missing) {
        Map<String, ColumnSpec> cols = new LinkedHashMap<>();
        schema.columns().forEach(c -> cols.put(c.name(), c));
        return new Metadata(cols, missing, null);
    }

    /** Reads a metadata file; a {@link BadInputException} naming the file and field if it is malformed. */
    public static Metadata read(Path file) {
        JsonNode root = JsonInput.read(file, "metadata file");
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": metadata must be a JSON object with a \"columns\" object");
        }
        Map<String, ColumnSpec> cols = new LinkedHashMap<>();
        Map<String, DeclaredDomain> domains = new LinkedHashMap<>();
        JsonNode colsNode = root.path("columns");
        if (!colsNode.isMissingNode() && !colsNode.isObject()) {
            throw new BadInputException(file + ": \"columns\" must be an object keyed by column name");
        }
        for (Map.Entry<String, JsonNode> e : colsNode.properties()) {
            JsonNode c = e.getValue();
            JsonNode kindNode = c.has("kind") ? c.get("kind") : c.get("sdtype");
            if (kindNode == null || !kindNode.isTextual()) {
                throw new BadInputException(file + ": column '" + e.getKey() + "' needs a \"kind\"");
            }
            ColumnKind kind;
            try {
                kind = ColumnKind.parse(kindNode.asText());
            } catch (BadInputException ex) {
                throw new BadInputException(file + ": column '" + e.getKey() + "': " + ex.getMessage());
            }
            JsonNode fmt = c.has("format") ? c.get("format") : c.get("datetime_format");
            boolean number = kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER;
            String format = fmt == null || fmt.isNull() ? null : number ? fmt.asText() : sdvFormat(fmt.asText());
            if (format != null && kind == ColumnKind.DATETIME) {
                try {
                    DateTimeFormats.formatter(format);
                } catch (IllegalArgumentException ex) {
                    throw new BadInputException(file + ": column '" + e.getKey() + "': bad datetime format '"
                            + format + "': " + ex.getMessage());
                }
            }
            if (format != null && number && !NumberText.isPattern(format)) {
                throw new BadInputException(file + ": column '" + e.getKey() + "': bad number format '" + format
                        + "' (a java.text.DecimalFormat pattern such as '$'#,##0.00)");
            }
            Set<String> own = texts(c.get("missingValues"), file, "column '" + e.getKey() + "': ");
            cols.put(e.getKey(), new ColumnSpec(e.getKey(), kind, format, own == null ? List.of() : List.copyOf(own)));
            DeclaredDomain declared = declaredDomain(c, kind, file, "column '" + e.getKey() + "': ");
            if (declared != null) {
                domains.put(e.getKey(), declared);
            }
        }
        Set<String> tokens = texts(root.get("missingValues"), file, "");
        return new Metadata(cols, tokens == null ? MissingValues.DEFAULT : new MissingValues(tokens), file, domains);
    }

    /** A column's declared public "bounds" or "categories", {@code null} if it declares neither. */
    private static DeclaredDomain declaredDomain(JsonNode column, ColumnKind kind, Path file, String where) {
        JsonNode bounds = column.get("bounds");
        JsonNode categories = column.get("categories");
        if (bounds != null && categories != null) {
            throw new BadInputException(file + ": " + where + "declares both \"bounds\" and \"categories\"; a number "
                    + "column has bounds, a categorical one categories");
        }
        if (bounds != null) {
            if (kind != ColumnKind.CONTINUOUS && kind != ColumnKind.INTEGER) {
                throw new BadInputException(file + ": " + where + "\"bounds\" are declared for continuous and integer "
                        + "columns, not " + kind.jsonName());
            }
            if (!bounds.isArray() || bounds.size() != 2 || !bounds.get(0).isNumber() || !bounds.get(1).isNumber()
                    || !(bounds.get(0).asDouble() < bounds.get(1).asDouble())
                    || !Double.isFinite(bounds.get(1).asDouble() - bounds.get(0).asDouble())) {
                throw new BadInputException(file + ": " + where + "\"bounds\" must be two numbers, low below high, "
                        + "such as [0, 120], not " + bounds);
            }
            return DeclaredDomain.bounds(bounds.get(0).asDouble(), bounds.get(1).asDouble());
        }
        if (categories != null) {
            if (kind != ColumnKind.CATEGORICAL) {
                throw new BadInputException(file + ": " + where + "\"categories\" are declared for categorical "
                        + "columns, not " + kind.jsonName());
            }
            if (!categories.isArray() || categories.isEmpty()) {
                throw new BadInputException(file + ": " + where + "\"categories\" must be a non-empty array of strings, "
                        + "not " + categories);
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : categories) {
                if (!v.isTextual() && !v.isNumber()) {
                    throw new BadInputException(file + ": " + where + "\"categories\" must be strings, not " + v);
                }
                if (values.contains(v.asText())) {
                    throw new BadInputException(file + ": " + where + "category '" + v.asText() + "' is declared twice");
                }
                values.add(v.asText());
            }
            return DeclaredDomain.categories(values);
        }
        return null;
    }

    /** A "missingValues" array's texts, {@code null} if there is none. */
    private static Set<String> texts(JsonNode array, Path file, String where) {
        if (array == null) {
            return null;
        }
        if (!array.isArray()) {
            throw new BadInputException(file + ": " + where + "\"missingValues\" must be an array of strings");
        }
        Set<String> tokens = new HashSet<>();
        for (JsonNode t : array) {
            if (!t.isTextual() && !t.isNumber()) {
                throw new BadInputException(file + ": " + where + "\"missingValues\" must be an array of strings, not " + t);
            }
            tokens.add(t.asText());
        }
        return tokens;
    }

    /** Turns an strftime pattern (SDV's datetime_format) into a DateTimeFormatter pattern; others pass. */
    private static String sdvFormat(String f) {
        if (f.indexOf('%') < 0) {
            return f;
        }
        return f.replace("%Y", "yyyy").replace("%m", "MM").replace("%d", "dd").replace("%H", "HH")
                .replace("%M", "mm").replace("%S", "ss");
    }

    /** The override for a column, or {@code null}. */
    public ColumnSpec override(String column) {
        return columns.get(column);
    }

    /**
     * Fails, naming the file, if the metadata names a column the data does not have. Metadata made in code
     * (from another frame's schema, as for synthetic data read like its real data) is reported as that, with every
     * column the file lacks and every one it has beyond the real data's.
     */
    public void checkColumns(Schema schema, Path dataFile) {
        checkColumns(schema.names(), dataFile);
    }

    /** As {@link #checkColumns(Schema, Path)}, for a file's column names (its header, before any cell is read). */
    public void checkColumns(List<String> names, Path dataFile) {
        List<String> lacking = columns.keySet().stream().filter(name -> !names.contains(name)).toList();
        if (lacking.isEmpty()) {
            return;
        }
        if (source == null) {
            throw new BadInputException(dataFile + ": has no column '" + lacking.get(0) + "', which the real data has; "
                    + "its columns do not match the real data's " + columnDifference(List.copyOf(columns.keySet()), names));
        }
        throw new BadInputException(source + ": column '" + lacking.get(0) + "' is not in " + dataFile + " (columns: "
                + names + ")");
    }

    /** For messages: {@code (missing: a, b; extra: c)}, the columns {@code found} lacks and has beyond {@code expected}. */
    public static String columnDifference(List<String> expected, List<String> found) {
        List<String> missing = expected.stream().filter(name -> !found.contains(name)).toList();
        List<String> extra = found.stream().filter(name -> !expected.contains(name)).toList();
        return "(missing: " + (missing.isEmpty() ? "none" : String.join(", ", missing)) + "; extra: "
                + (extra.isEmpty() ? "none" : String.join(", ", extra)) + ")";
    }
}
