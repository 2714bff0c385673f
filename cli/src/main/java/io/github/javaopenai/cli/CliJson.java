package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Holds the command line's JSON mapper. */
final class CliJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private CliJson() {
    }
}
