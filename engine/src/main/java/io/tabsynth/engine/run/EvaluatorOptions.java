package io.tabsynth.engine.run;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Suggestion;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation options given, resolved against the options each chosen evaluator declares ({@link Evaluator#describe}):
 * an option no chosen evaluator declares is refused with the nearest declared name, a value of the wrong type or out
 * of range is refused naming the evaluator and the option, and every evaluator's options, defaults included, are
 * recorded in the evaluate step as {@code <evaluator>.<option>}.
 */
final class EvaluatorOptions {
    private final Map<String, String> recorded;

    private EvaluatorOptions(Map<String, String> recorded) {
        this.recorded = recorded;
    }

    /**
     * Resolves the given options for the chosen evaluators. An option that some installed evaluator declares but no
     * chosen one does is accepted and left unused (one command line can serve a run of every evaluator and a run of
     * a few: {@code --target} with {@code --evaluators fidelity,privacy}); one that no installed evaluator declares is
     * a mistake.
     *
     * @throws BadInputException for an option no installed evaluator declares, or a value a chosen one cannot take
     */
    static EvaluatorOptions resolve(List<PluginHost.Found<Evaluator>> chosen, List<PluginHost.Found<Evaluator>> installed,
                                    Map<String, String> given) {
        Set<String> declared = new LinkedHashSet<>();
        chosen.forEach(e -> e.extension().describe().forEach(spec -> declared.add(spec.name())));
        installed.forEach(e -> e.extension().describe().forEach(spec -> declared.add(spec.name())));
        for (String name : given.keySet()) {
            if (!declared.contains(name)) {
                throw new BadInputException("no installed evaluator (" + ids(installed) + ") takes the option '" + name + "'"
                        + Suggestion.didYouMean(name, declared) + " (options: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
            }
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        for (PluginHost.Found<Evaluator> e : chosen) {
            List<ParamSpec> specs = e.extension().describe();
            Map<String, String> own = new LinkedHashMap<>();
            specs.stream().filter(spec -> given.containsKey(spec.name()))
                    .forEach(spec -> own.put(spec.name(), given.get(spec.name())));
            Params.resolve("evaluator " + e.info().id(), Params.OPTION, specs, own).asText()
                    .forEach((name, value) -> recorded.put(e.info().id() + "." + name, value));
        }
        return new EvaluatorOptions(recorded);
    }

    /** Every chosen evaluator's options as {@code <evaluator>.<option>}, in the evaluators' order then declaration order. */
    Map<String, String> recorded() {
        return recorded;
    }

    private static String ids(List<PluginHost.Found<Evaluator>> chosen) {
        return String.join(", ", chosen.stream().map(e -> e.info().id()).toList());
    }
}
