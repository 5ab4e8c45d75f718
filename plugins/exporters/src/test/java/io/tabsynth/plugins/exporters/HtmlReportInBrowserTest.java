package io.tabsynth.plugins.exporters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.plugins.evaluators.FairnessEvaluator;
import io.tabsynth.plugins.evaluators.FidelityEvaluator;
import io.tabsynth.plugins.evaluators.PrivacyEvaluator;
import io.tabsynth.plugins.evaluators.UtilityEvaluator;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.data.Frame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page as a reader sees it: written for a synthetic table that copies its training data (fidelity
 * green, privacy red), opened in a real headless browser (Debian's chromium), screenshot taken, and the pixels
 * checked: the picture has the window's size, real content, and the green and red of the verdict rows. Skipped,
 * with the reason printed, where chromium is not installed ({@code .ci/run} installs it where it can).
 */
class HtmlReportInBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where Debian's package puts the browser; the system property {@code tabsynth.chromium} names another. */
    private static final Path CHROMIUM = Path.of(System.getProperty("tabsynth.chromium", "/usr/bin/chromium"));
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;
    private static final long BROWSER_SECONDS = 120;
    /** A blank or broken page has a handful of colours; text, charts and verdict rows give hundreds. */
    private static final int FEWEST_COLOURS = 200;
    /** The scores table's rows are about 1,200 × 20 pixels each; a few hundred pixels of each colour is plenty. */
    private static final int FEWEST_ROW_PIXELS = 500;
    /** Row backgrounds of the page's style sheet: {@code tr.green} and {@code tr.red}. */
    private static final int GREEN_ROW = 0xe9f6ec;
    private static final int RED_ROW = 0xfde8e8;
    /** How far a channel may stray from the style sheet's value after the browser's colour handling. */
    private static final int CHANNEL_TOLERANCE = 2;

    @Test
    void aCopysReportShowsItsGreenAndRedVerdictsInTheBrowser(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("HtmlReportInBrowserTest skipped: " + CHROMIUM + " is not installed (apt-get install chromium)");
            Assumptions.abort("no chromium at " + CHROMIUM);
        }
        Frame train = HtmlReportTest.adultLike(900, 21);
        EvaluationInput copy = new EvaluationInput(train, HtmlReportTest.adultLike(450, 22), train, train.schema(),
                Map.of("target", "income", "protected", "sex,race", "quasi", "age,sex,race,native-country", "sensitive", "income"));
        ObjectNode report = JSON.createObjectNode();
        report.set("fidelity", HtmlReportTest.section(new FidelityEvaluator().evaluate(copy)));
        report.set("privacy", HtmlReportTest.section(new PrivacyEvaluator().evaluate(copy)));
        report.set("utility", HtmlReportTest.section(new UtilityEvaluator().evaluate(copy)));
        report.set("fairness", HtmlReportTest.section(new FairnessEvaluator().evaluate(copy)));
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReportTest.page(report, copy), StandardCharsets.UTF_8);

        Path png = dir.resolve("report.png");
        screenshot(html, png, dir);

        assertTrue(Files.size(png) > 10_000, "a screenshot of a full page, not an empty one: " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth(), "the window's width");
        assertEquals(HEIGHT, image.getHeight(), "the window's height");
        Set<Integer> colours = new HashSet<>();
        int green = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                green += near(rgb, GREEN_ROW) ? 1 : 0;
                red += near(rgb, RED_ROW) ? 1 : 0;
            }
        }
        assertTrue(colours.size() >= FEWEST_COLOURS, "the page has text and charts: " + colours.size() + " colours");
        assertTrue(green >= FEWEST_ROW_PIXELS, "green verdict rows (fidelity of a copy): " + green + " pixels");
        assertTrue(red >= FEWEST_ROW_PIXELS, "red verdict rows (privacy of a copy): " + red + " pixels");
    }

    /** Runs headless chromium on the page with a fresh profile, no network services, and waits for its picture. */
    private static void screenshot(Path html, Path png, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--force-color-profile=srgb", "--hide-scrollbars",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")), "--screenshot=" + png,
                "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString()));
        Path log = dir.resolve("chromium.log");
        Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = browser.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "chromium finished within " + BROWSER_SECONDS + " s: " + output);
        assertTrue(Files.exists(png), "chromium wrote the screenshot (exit " + browser.exitValue() + "): " + output);
    }

    private static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xff) - (expected >> shift & 0xff)) > CHANNEL_TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
