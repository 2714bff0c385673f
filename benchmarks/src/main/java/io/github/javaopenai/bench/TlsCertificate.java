package io.github.javaopenai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's {@code keytool} when a run starts:
 * the key store the TLS server presents it from, and a trust store holding only the certificate,
 * which every client JVM is told to trust through {@code javax.net.ssl.trustStore}.
 *
 * @param keyStore the server's PKCS12 key store
 * @param trustStore the clients' PKCS12 trust store
 */
record TlsCertificate(Path keyStore, Path trustStore) {

    /** The password of both stores; they live in a temporary folder for one run. */
    static final String PASSWORD = "bench-only";

    /** Makes a new certificate in a temporary folder. */
    static TlsCertificate create() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("java-openai-bench-tls");
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        for (Path file : List.of(keyStore, certificate, trustStore, dir)) {
            file.toFile().deleteOnExit();
        }
        return new TlsCertificate(keyStore, trustStore);
    }

    /** Returns the JVM options that make a client trust this certificate. */
    List<String> trustOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }
}
