package io.github.javaopenai.providers;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Says how a client proves who it is to a provider: the API key as a bearer token, the API key in
 * a header of its own, a bearer token fetched for every request, or nothing.
 *
 * <p>Values are immutable; their {@link Object#toString() toString()} never shows a key or a token.
 *
 * @since 0.1
 */
public sealed interface Auth permits Auth.Bearer, Auth.KeyHeader, Auth.BearerToken, Auth.None {

    /**
     * Returns the OpenAI style: {@code Authorization: Bearer <api key>}, sent only when the
     * client has a key.
     */
    static Auth bearer() {
        return Bearer.INSTANCE;
    }

    /**
     * Returns the style that sends the API key as the value of the named header, as Azure OpenAI's
     * {@code api-key} does; nothing is sent when the client has no key.
     *
     * @throws IllegalArgumentException when the name is not a valid header name
     */
    static Auth header(String name) {
        return new KeyHeader(name);
    }

    /**
     * Returns the style that sends {@code Authorization: Bearer <token>} with a token asked from
     * the supplier before every request, such as a Microsoft Entra ID token for Azure OpenAI. The
     * client's API key is not used. The supplier is called on the requesting thread and may cache
     * and refresh its token as it likes.
     */
    static Auth bearerToken(Supplier<String> tokens) {
        return new BearerToken(tokens);
    }

    /** Returns the style that sends no credential at all, even when the client has a key. */
    static Auth none() {
        return None.INSTANCE;
    }

    /** Sends the API key as {@code Authorization: Bearer <key>}. */
    record Bearer() implements Auth {
        private static final Bearer INSTANCE = new Bearer();
    }

    /**
     * Sends the API key as the value of the named header.
     *
     * @param name the header name, such as {@code api-key}
     */
    record KeyHeader(String name) implements Auth {
        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

        /** Checks that the name is a valid header name. */
        public KeyHeader {
            Objects.requireNonNull(name, "name == null");
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("not a valid header name: \"" + name + "\"");
            }
        }
    }

    /**
     * Sends {@code Authorization: Bearer <token>} with a token asked from the supplier per request.
     *
     * @param tokens supplies the current token; it must not return null or a blank token
     */
    record BearerToken(Supplier<String> tokens) implements Auth {
        /** Checks that the supplier is present. */
        public BearerToken {
            Objects.requireNonNull(tokens, "tokens == null");
        }

        /**
         * Returns the current token.
         *
         * @throws IllegalStateException when the supplier returns null or a blank token, so that
         *     nothing is sent without a credential
         */
        public String token() {
            String token = tokens.get();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("the bearer token supplier returned "
                        + (token == null ? "null" : "a blank token") + "; nothing was sent");
            }
            return token;
        }

        @Override
        public String toString() {
            return "BearerToken[<supplied per request>]";
        }
    }

    /** Sends no credential. */
    record None() implements Auth {
        private static final None INSTANCE = new None();
    }
}
