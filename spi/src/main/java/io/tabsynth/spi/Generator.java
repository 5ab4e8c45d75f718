package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.privacy.PrivacyCost;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/** Learns a {@link Model} from real data. Plugins contribute generators as PF4J extensions. */
public interface Generator extends ExtensionPoint {
    /** The id users select it by, e.g. {@code gaussian-copula}. */
    String id();

    /** One line for people. */
    String description();

    /** The parameters it accepts, with types, defaults and documentation. */
    List<ParamSpec> describe();

    /**
     * Whether {@link #fit} needs real data. A generator that designs data from a spec (e.g. {@code rules})
     * returns false and is then given an empty frame.
     */
    default boolean needsData() {
        return true;
    }

    /**
     * Whether its fit is differentially private (docs/privacy.md). The engine then changes nothing in the training
     * data by counting across rows before the fit: no rare-value replacement, whose choice of values would depend
     * on other people's rows outside the privacy budget (the generator releases only what its own mechanisms pay
     * for, rare categories included).
     */
    default boolean differentiallyPrivate() {
        return false;
    }

    /**
     * The most a fit with these parameters will spend of the privacy budget, known before any value is read, so that
     * the engine can refuse a fit that a budget limit does not allow before the data is even parsed. Empty for a fit
     * that gives no formal privacy guarantee (every generator that is not differentially private, and a private one
     * asked for reproducible noise).
     */
    default Optional<PrivacyCost> plannedPrivacyCost(Params params) {
        return Optional.empty();
    }

    /**
     * Whether a fit with these parameters is differentially private, for a generator that is so only when asked
     * (the Gaussian copula with {@code epsilon}). The engine asks this one; by default it is
     * {@link #differentiallyPrivate()}, whatever the parameters.
     */
    default boolean differentiallyPrivate(Params params) {
        return differentiallyPrivate();
    }

    /**
     * Whether this generator can learn from data passed batch by batch ({@link #fitStreaming}), holding
     * summaries whose size does not grow with the rows, with these parameters. False by default.
     */
    default boolean fitsStreaming(Params params) {
        return false;
    }

    /**
     * Learns a model from batches of real data, reading them as many times as it needs; only called where
     * {@link #fitsStreaming} is true. The model saves to the same file format as one {@link #fit} makes.
     */
    default Model fitStreaming(FrameBatches data, Params params, FitContext context) {
        throw new BadInputException("generator '" + id() + "' does not fit data streamed in batches");
    }

    /** Fits a model; every random choice flows from {@code context.seed()}. */
    Model fit(Frame data, Params params, FitContext context);

    /** Reads a model written by {@link Model#save}. */
    Model load(InputStream in) throws IOException;
}
