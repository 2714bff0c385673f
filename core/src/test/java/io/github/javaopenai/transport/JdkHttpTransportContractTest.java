package io.github.javaopenai.transport;

import io.github.javaopenai.transport.contract.TestHttpServer;
import io.github.javaopenai.transport.contract.AsyncTransportContract;
import io.github.javaopenai.transport.contract.TransportContract;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Nested;

/** Runs the transport contract over the JDK's HttpClient, once per protocol. */
class JdkHttpTransportContractTest {

    private static Transport jdk(SSLContext ssl, Duration connectTimeout) {
        return JdkHttpTransport.create(connectTimeout, ssl);
    }

    @Nested
    class PlainHttp11 extends TransportContract {
        @Override
        protected TestHttpServer.Protocol protocol() {
            return TestHttpServer.Protocol.PLAIN_HTTP_1_1;
        }

        @Override
        protected Transport newTransport(SSLContext ssl, Duration connectTimeout) {
            return jdk(ssl, connectTimeout);
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
            return jdk(ssl, connectTimeout);
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
            return jdk(ssl, connectTimeout);
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
            return jdk(ssl, connectTimeout);
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
            return jdk(ssl, connectTimeout);
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
            return jdk(ssl, connectTimeout);
        }
    }
}
