package io.github.javaopenai.bench;

/**
 * One target of the issue and whether the run met it.
 *
 * @param goal the target, in words
 * @param measured what was measured, in words
 * @param met whether the target was met; null when it could not be measured in this run
 */
record Target(String goal, String measured, Boolean met) {

    String verdict() {
        return met == null ? "not measured" : met ? "**met**" : "**missed**";
    }
}
