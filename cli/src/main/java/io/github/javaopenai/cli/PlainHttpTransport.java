package io.github.javaopenai.cli;

import io.github.javaopenai.transport.JdkHttpTransport;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Makes the transport to the embedded offline server: plain HTTP on loopback only. The JDK's
 * {@link HttpClient} sets up the default TLS context when it is built (providers, cipher suites,
 * the CA certificates), a good part of a short command's start; a client that is never to speak
 * TLS gets a context that refuses to, so none of that happens.
 */
final class PlainHttpTransport {

    private PlainHttpTransport() {
    }

    /** Returns a transport that speaks plain {@code http://} only; an {@code https://} request fails. */
    static JdkHttpTransport create() {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(new NoTls())
                .sslParameters(new SSLParameters())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return JdkHttpTransport.of(client);
    }

    /** A TLS context that has none: every use fails with a message that says why. */
    private static final class NoTls extends SSLContext {
        NoTls() {
            super(new Refusing(), null, "none");
        }
    }

    private static final class Refusing extends SSLContextSpi {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("the embedded offline server speaks plain HTTP only, not TLS");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException(refused());
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
    }
}
