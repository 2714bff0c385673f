/**
 * Contract tests against the Steady mock server, which serves the OpenAI OpenAPI spec and
 * validates every request against it.
 *
 * <p>{@link io.github.javaopenai.contract.SteadyMockServer} starts one server per test run and
 * hands it to test classes; {@link io.github.javaopenai.contract.SteadyAssertions} turns
 * Steady's validation headers into readable assertion failures.
 */
package io.github.javaopenai.contract;
