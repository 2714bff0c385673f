/**
 * The exceptions the library throws, all under
 * {@link io.github.javaopenai.errors.OpenAIException}. Messages never contain the API key.
 */
package io.github.javaopenai.errors;
