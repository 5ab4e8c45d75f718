package io.tabsynth.engine.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A limit on the privacy budget that all fits on a real dataset may spend together, from a policy file's
 * {@code "privacyBudget"}: {@code {"maxEpsilon": 3, "delta": 1e-6}}, or a list of such objects, each with
 * {@code "data"}: the SHA-256 of the data file's bytes or of its content, or the data file's name. A name stands
 * for that file's content: the limit applies to a file of that name and to any data whose file or content digest
 * is one of the named file's. A limit without {@code data} applies to any real data. A charter's {@code privacyBudget} has the same form (docs/governance.md).
 *
 * @param maxEpsilon the most ε the fits on the data may reach together
 * @param delta      the δ that ε is stated at
 * @param data       the digest or file name of the data it applies to, or {@code null} for any
 * @param policy     the policy (or charter) file it comes from
 */
public record BudgetLimit(double maxEpsilon, double delta, String data, Path policy) {
    /** The key of a policy file that holds the limits. */
    public static final String KEY = "privacyBudget";
    /** The δ of a limit that names none: dp-marginals' default. */
    public static final double DEFAULT_DELTA = 1e-6;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The limits of a policy file (none when it has no {@code privacyBudget}); bad input names the file and entry. */
    public static List<BudgetLimit> read(Path policy) {
        return of(JsonInput.read(policy, "policy").path(KEY), policy);
    }

    /** The limits a policy's or charter's {@code privacyBudget} value states; bad input names the file and entry. */
    public static List<BudgetLimit> of(JsonNode budget, Path policy) {
        List<BudgetLimit> out = new ArrayList<>();
        if (budget.isMissingNode()) {
            return out;
        }
        if (budget.isObject()) {
            out.add(entry(budget, policy, policy + ": \"" + KEY + "\": "));
        } else if (budget.isArray()) {
            for (int i = 0; i < budget.size(); i++) {
                out.add(entry(budget.get(i), policy, policy + ": \"" + KEY + "\" entry " + (i + 1) + ": "));
            }
        } else {
            throw new BadInputException(policy + ": \"" + KEY + "\" must be an object {\"maxEpsilon\": 3, \"delta\": 1e-6} "
                    + "or a list of such objects");
        }
        return out;
    }

    private static BudgetLimit entry(JsonNode e, Path policy, String where) {
        if (!e.isObject()) {
            throw new BadInputException(where + "must be an object {\"maxEpsilon\": 3, \"delta\": 1e-6}");
        }
        JsonNode max = e.path("maxEpsilon");
        if (!max.isNumber() || !(max.asDouble() >= 0) || Double.isInfinite(max.asDouble())) {
            throw new BadInputException(where + "\"maxEpsilon\" must be a number of at least 0, found " + max);
        }
        JsonNode delta = e.path("delta");
        if (!delta.isMissingNode() && (!delta.isNumber() || !(delta.asDouble() > 0 && delta.asDouble() < 1))) {
            throw new BadInputException(where + "\"delta\" must be a number between 0 and 1, found " + delta);
        }
        JsonNode data = e.path("data");
        if (!data.isMissingNode() && !(data.isTextual() && !data.asText().isBlank())) {
            throw new BadInputException(where + "\"data\" must be the SHA-256 of a data file or of its content "
                    + "(64 lower-case hex digits), or the data file's name, found " + data);
        }
        return new BudgetLimit(max.asDouble(), delta.isMissingNode() ? DEFAULT_DELTA : delta.asDouble(),
                data.isMissingNode() ? null : data.asText(), policy);
    }

    /** Whether {@code data} names a file rather than giving a digest. */
    public boolean namesFile() {
        return data != null && !SHA256.matcher(data).matches();
    }

    /**
     * The file a limit written as a file name points at, if it exists: the name resolved against the folder of the
     * policy or charter file, else against the working directory; empty for a limit that gives a digest or none.
     */
    public Optional<Path> namedFile() {
        if (!namesFile()) {
            return Optional.empty();
        }
        Path folder = policy.toAbsolutePath().getParent();
        Path besidePolicy = folder == null ? Path.of(data) : folder.resolve(data);
        if (Files.isRegularFile(besidePolicy)) {
            return Optional.of(besidePolicy);
        }
        return Files.isRegularFile(Path.of(data)) ? Optional.of(Path.of(data)) : Optional.empty();
    }

    /** Whether it applies to data with these digests (file and content) read from a file of this name. */
    public boolean appliesTo(Set<String> digests, String fileName) {
        return appliesTo(digests, fileName, Set.of());
    }

    /**
     * Whether it applies to data with these digests (file and content) read from a file of this name, where a limit
     * written as a file name covers the data of that name and any data with one of {@code namedDigests}: the digests
     * of the file it names (the ledgers' records of that name, and the file itself), so a copy under another name
     * is held to the same limit.
     */
    public boolean appliesTo(Set<String> digests, String fileName, Set<String> namedDigests) {
        if (data == null) {
            return true;
        }
        if (!namesFile()) {
            return digests.contains(data);
        }
        return data.equals(fileName) || !Collections.disjoint(digests, namedDigests);
    }
}
