package io.tabsynth.engine.policy;

import io.tabsynth.spi.BadInputException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a policy argument names ({@code --policy} on the command line, {@code policy(...)} in the workbench): a policy
 * file, or the name of a policy shipped with tabsynth ({@code baseline} is {@code policies/baseline.json} of the
 * distribution; run from the build, the copy on the class path).
 */
public final class ShippedPolicy {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final String FOLDER = "policies";

    private ShippedPolicy() {
    }

    /**
     * The policy file {@code given} names; a name that is neither a file nor a shipped policy is bad input, reported
     * as {@code asked} (how the user wrote it, e.g. {@code --policy strictest}).
     */
    public static Path resolve(Path given, String asked) {
        if (given == null || Files.exists(given) || !NAME.matcher(given.toString()).matches()) {
            return given;
        }
        String file = given + ".json";
        String dist = System.getProperty("tabsynth.dist");
        if (dist != null && Files.isRegularFile(Path.of(dist, FOLDER, file))) {
            return Path.of(dist, FOLDER, file);
        }
        URL onClassPath = ShippedPolicy.class.getResource("/" + FOLDER + "/" + file);
        if (onClassPath != null && onClassPath.getProtocol().equals("file")) {
            try {
                return Path.of(onClassPath.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(onClassPath + " is not a file path", e);
            }
        }
        throw new BadInputException(asked + ": no such file, and tabsynth ships no policy of that name "
                + "(shipped: baseline)");
    }
}
