/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for 127.0.0.1 and localhost made at test time with the JDK's keytool, as a PKCS#12
 * key store or as PEM files, and a client context that trusts them.
 */
public record TestCertificates(Path keyStore, String password, Path certificatePem, Path privateKeyPem) {
    public static final String ALIAS = "app";

    /** A new self-signed EC key and certificate in {@code directory}, under {@code name}. */
    public static TestCertificates create(Path directory, String name) throws IOException, InterruptedException,
            GeneralSecurityException {
        Path keyStore = directory.resolve(name + ".p12");
        String password = "changeit-" + name;
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password,
                "-keypass", password).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = load(keyStore, password);
        Path certificate = Files.writeString(directory.resolve(name + "-cert.pem"),
                pem("CERTIFICATE", store.getCertificate(ALIAS).getEncoded()));
        Path privateKey = Files.writeString(directory.resolve(name + "-key.pem"),
                pem("PRIVATE KEY", store.getKey(ALIAS, password.toCharArray()).getEncoded()));
        return new TestCertificates(keyStore, password, certificate, privateKey);
    }

    /** The certificate the server presents. */
    public Certificate certificate() throws IOException, GeneralSecurityException {
        return load(keyStore, password).getCertificate(ALIAS);
    }

    /** A client TLS context that trusts this certificate (and nothing else). */
    public SSLContext clientContext() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static String pem(String label, byte[] der) {
        String body = String.join("\n", split(Base64.getEncoder().encodeToString(der)));
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static List<String> split(String text) {
        return java.util.stream.IntStream.range(0, (text.length() + 63) / 64)
                .mapToObj(i -> text.substring(i * 64, Math.min(text.length(), (i + 1) * 64))).toList();
    }
}
