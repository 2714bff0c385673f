package io.github.javaopenai.okhttp;

import io.github.javaopenai.transport.contract.TestHttpServer;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.contract.AsyncTransportContract;
import io.github.javaopenai.transport.contract.TransportContract;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Nested;

/** Runs the transport contract over OkHttp, once per protocol. */
class OkHttpTransportContractTest {

    private static Transport okhttp(SSLContext ssl, Duration connectTimeout) {
        return OkHttpTransport.of(new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .dispatcher(OkHttpTransport.unlimitedDispatcher()) // as create() makes it: async calls never queue
                .sslSocketFactory(ssl.getSocketFactory(), trustManager())
                .build());
    }

    /** The trust manager OkHttp wants beside the socket factory: the test certificate's. */
    private static X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(TestHttpServer.clientTrustStore());
            return (X509TrustManager) Arrays.stream(factory.getTrustManagers())
                    .filter(manager -> manager instanceof X509TrustManager).findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class PlainHttp11 extends TransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.PLAIN_HTTP_1_1;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return okhttp(ssl, connectTimeout);
        }
    }

    @Nested
    class TlsHttp11 extends TransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.TLS_HTTP_1_1;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return okhttp(ssl, connectTimeout);
        }
    }

    @Nested
    class TlsHttp2 extends TransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.TLS_HTTP_2;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return okhttp(ssl, connectTimeout);
        }
    }

    @Nested
    class AsyncPlainHttp11 extends AsyncTransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.PLAIN_HTTP_1_1;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return okhttp(ssl, connectTimeout);
        }
    }

    @Nested
    class AsyncTlsHttp11 extends AsyncTransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.TLS_HTTP_1_1;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return okhttp(ssl, connectTimeout);
        }
    }

    @Nested
    class AsyncTlsHttp2 extends AsyncTransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.TLS_HTTP_2;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return okhttp(ssl, connectTimeout);
        }
    }
}
