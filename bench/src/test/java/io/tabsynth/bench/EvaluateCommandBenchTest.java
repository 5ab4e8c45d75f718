package io.tabsynth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench times evaluate runs with the JVM options the launcher gives {@code tabsynth evaluate}. */
class EvaluateCommandBenchTest {
    @AfterEach
    void forget() {
        System.clearProperty(EvaluateCommandBench.LAUNCHER_OPTIONS);
    }

    @Test
    void theLaunchersEvaluateOptionsAreTakenForEachRun() {
        System.setProperty(EvaluateCommandBench.LAUNCHER_OPTIONS, "-XX:TieredStopAtLevel=1");
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), EvaluateCommandBench.launcherOptions());
        System.setProperty(EvaluateCommandBench.LAUNCHER_OPTIONS, " -XX:TieredStopAtLevel=1  -Xss2m ");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xss2m"), EvaluateCommandBench.launcherOptions());
    }

    @Test
    void noOptionsWhenTheLauncherGivesNoneOrDidNotStartTheBench() {
        assertEquals(List.of(), EvaluateCommandBench.launcherOptions(), "started without the launcher");
        System.setProperty(EvaluateCommandBench.LAUNCHER_OPTIONS, "");
        assertEquals(List.of(), EvaluateCommandBench.launcherOptions(), "TABSYNTH_JIT set: evaluate gets nothing extra");
    }
}
