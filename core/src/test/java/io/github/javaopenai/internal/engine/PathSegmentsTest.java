package io.github.javaopenai.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void leavesOrdinaryIdsAlone() {
        assertThat(PathSegments.encode("resp_67ccd2bed1ec8190-b.x~")).isEqualTo("resp_67ccd2bed1ec8190-b.x~");
    }

    @Test
    void encodesSlashesQueriesSpacesAndNonAscii() {
        assertThat(PathSegments.encode("a/b?c=d e#é")).isEqualTo("a%2Fb%3Fc%3Dd%20e%23%C3%A9");
    }
}
