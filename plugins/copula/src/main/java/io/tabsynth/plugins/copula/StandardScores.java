package io.tabsynth.plugins.copula;

/** Values standardised to mean 0 and standard deviation 1 over the present ones; a missing value becomes 0, the mean. */
final class StandardScores {
    private StandardScores() {
    }

    /** The values standardised, or null where no value is present or they do not vary. */
    static double[] of(double[] v) {
        double sum = 0;
        int present = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                present++;
            }
        }
        if (present == 0) {
            return null;
        }
        double mean = sum / present;
        double squares = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        double sd = Math.sqrt(squares / present);
        if (!(sd > 0)) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isNaN(v[i]) ? 0 : (v[i] - mean) / sd;
        }
        return out;
    }
}
