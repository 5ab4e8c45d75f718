package io.tabsynth.spi.privacy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The privacy cost of one fit in zero-concentrated DP. Every mechanism charges its {@link MechanismCall} here
 * before it draws noise; composition adds the ρ's (Bun, Steinke 2016, Lemma 2.3), and the δ's of approximate
 * zCDP (thresholded selection) add too (their Lemma 8.3). The total converts to (ε, δ) with
 * {@link ZcdpConversion}: ε for the δ that remains after the selection δ's. A budget, when given, is checked
 * before a call is recorded: a call that would exceed it is refused and nothing is spent. Not thread-safe.
 */
public final class ZcdpAccountant {
    private static final MathContext SHOWN_DIGITS = new MathContext(4);

    private final Rational rhoBudget;
    private final double deltaBudget;
    private final List<MechanismCall> calls = new ArrayList<>();
    private Rational rho = Rational.ZERO;
    private double delta;

    /**
     * @param rhoBudget   the most ρ the calls may add up to
     * @param deltaBudget the most approximate-zCDP δ they may add up to (0 allows no thresholded selection)
     */
    public ZcdpAccountant(Rational rhoBudget, double deltaBudget) {
        if (rhoBudget.signum() < 0 || !(deltaBudget >= 0 && deltaBudget < 1)) {
            throw new IllegalArgumentException("a budget needs rho >= 0 and 0 <= delta < 1: "
                    + rhoBudget + ", " + deltaBudget);
        }
        this.rhoBudget = rhoBudget;
        this.deltaBudget = deltaBudget;
    }

    /**
     * The budget that (ε, δ)-DP allows when part of δ, {@code selectionDelta}, is set aside for thresholded
     * selection: ρ from {@link ZcdpConversion#rho} at δ − selectionDelta.
     */
    public static ZcdpAccountant forEpsilonDelta(double epsilon, double delta, double selectionDelta) {
        if (!(selectionDelta >= 0 && selectionDelta < delta)) {
            throw new IllegalArgumentException("the selection delta must lie in [0, delta): "
                    + selectionDelta + " with delta " + delta);
        }
        return new ZcdpAccountant(Rational.exactly(ZcdpConversion.rho(epsilon, delta - selectionDelta)),
                selectionDelta);
    }

    /** Records the call, or refuses it (spending nothing) when it would exceed the budget. */
    public void charge(MechanismCall call) {
        Rational rhoAfter = rho.add(call.rho());
        double deltaAfter = delta + call.delta();
        if (rhoAfter.compareTo(rhoBudget) > 0 || deltaAfter > deltaBudget) {
            throw new PrivacyBudgetExceededException("the privacy budget does not allow " + call.mechanism()
                    + " on " + call.touched() + ": it costs rho " + shown(call.rho().doubleValue()) + " and delta "
                    + shown(call.delta()) + ", and " + shown(rho.doubleValue()) + " of rho " + shown(rhoBudget.doubleValue())
                    + " and " + shown(delta) + " of delta " + shown(deltaBudget) + " are spent");
        }
        rho = rhoAfter;
        delta = deltaAfter;
        calls.add(call);
    }

    /** A cost for a message: four significant digits, no trailing zeros. */
    private static String shown(double value) {
        return new BigDecimal(value).round(SHOWN_DIGITS).stripTrailingZeros().toString();
    }

    /** The ρ spent so far, exactly. */
    public Rational rho() {
        return rho;
    }

    /** The approximate-zCDP δ spent so far (by thresholded selection). */
    public double selectionDelta() {
        return delta;
    }

    /** The ρ still available. */
    public Rational remaining() {
        return rhoBudget.subtract(rho);
    }

    /** The most approximate-zCDP δ of thresholded selections the calls may add up to. */
    public double deltaBudget() {
        return deltaBudget;
    }

    /** The most ρ the calls may add up to. */
    public Rational rhoBudget() {
        return rhoBudget;
    }

    /** Every call, in order. */
    public List<MechanismCall> calls() {
        return Collections.unmodifiableList(calls);
    }

    /**
     * The ε of the whole fit at total δ: δ-approximate ρ-zCDP is (ε, δ + δ')-DP with ε from ρ at δ'
     * (Bun, Steinke 2016, Section 8), so δ' is what remains of {@code totalDelta} after the selection δ's.
     */
    public double epsilon(double totalDelta) {
        double remainingDelta = totalDelta - delta;
        if (!(remainingDelta > 0)) {
            throw new IllegalArgumentException("delta " + totalDelta + " does not exceed the " + delta
                    + " spent on thresholded selection");
        }
        return ZcdpConversion.epsilon(rho.doubleValue(), remainingDelta);
    }
}
