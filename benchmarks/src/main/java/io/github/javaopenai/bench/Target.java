package io.github.javaopenai.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One target of the issue and whether the run met it.
 *
 * @param goal the target, in words
 * @param measured what was measured, in words
 * @param met whether the target was met; null when it could not be measured in this run
 * @param verdict the verdict as shown in the report
 */
record Target(String goal, String measured, Boolean met, String verdict) {

    /** A target checked in one run. */
    Target(String goal, String measured, Boolean met) {
        this(goal, measured, met, met == null ? "not measured" : met ? "**met**" : "**missed**");
    }

    /**
     * Combines the same targets checked in several full runs: met only when every run met it,
     * missed when none did, unstable otherwise; the measured column lists every run's figure.
     */
    static List<Target> acrossRuns(List<List<Target>> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        List<Target> combined = new ArrayList<>();
        for (int i = 0; i < runs.get(0).size(); i++) {
            int index = i;
            List<Target> each = runs.stream().map(run -> run.get(index)).toList();
            long measured = each.stream().filter(t -> t.met() != null).count();
            long met = each.stream().filter(t -> Boolean.TRUE.equals(t.met())).count();
            String figures = String.join("; ", each.stream().map(Target::measured).toList());
            String verdict = measured == 0 ? "not measured"
                    : met == measured ? "**met** in " + met + " of " + runs.size() + " runs"
                    : met == 0 ? "**missed** in " + measured + " of " + runs.size() + " runs"
                    : "**unstable**: met in " + met + " of " + runs.size() + " runs";
            combined.add(new Target(each.get(0).goal(), figures, measured == 0 ? null : met == measured, verdict));
        }
        return combined;
    }
}
