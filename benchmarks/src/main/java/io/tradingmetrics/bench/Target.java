package io.tradingmetrics.bench;

/**
 * A stated target next to what was measured.
 *
 * @param name what is measured
 * @param target the target as stated
 * @param measured the measured figure
 * @param verdict whether the target was met
 */
record Target(String name, String target, String measured, Verdict verdict) {
    enum Verdict {
        PASS("pass"), MISS("MISS"), MEASURED("measured"), NOT_RUN("not run");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        static Verdict of(boolean met) {
            return met ? PASS : MISS;
        }
    }
}
