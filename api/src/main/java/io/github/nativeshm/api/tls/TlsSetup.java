/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.tls;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.ssl.SslBuilder;
import io.micronaut.http.ssl.SslConfiguration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTPS from the app's own keys ({@code app.tls.*}), mapped onto Micronaut's SSL support
 * ({@code micronaut.server.ssl.*}) once the configuration is read and before any bean exists:
 * <ul>
 *   <li>{@code app.tls.certificate} + {@code app.tls.private-key}: PEM files (certificate chain;
 *       unencrypted PKCS#8, PKCS#1 or SEC1 key), or</li>
 *   <li>{@code app.tls.key-store}: a PKCS#12 file whose password comes from
 *       {@code app.tls.key-store-password-file} (owner-only on POSIX) or the environment variable
 *       {@code APP_TLS_KEY_STORE_PASSWORD}.</li>
 * </ul>
 * With either, the server speaks HTTPS only, on the configured port ({@code micronaut.server.port});
 * plain HTTP is not served beside it. The files are loaded here the way Micronaut loads them, so
 * that a missing, unreadable or malformed file, a wrong password or a key that does not belong
 * to the certificate stops the start with one message naming the key.
 */
@ContextConfigurer
public final class TlsSetup implements ApplicationContextConfigurer {
    public static final String CERTIFICATE = "app.tls.certificate";
    public static final String PRIVATE_KEY = "app.tls.private-key";
    public static final String KEY_STORE = "app.tls.key-store";
    public static final String KEY_STORE_PASSWORD_FILE = "app.tls.key-store-password-file";
    /** Set through the environment ({@code APP_TLS_KEY_STORE_PASSWORD}), never the command line. */
    public static final String KEY_STORE_PASSWORD = "app.tls.key-store-password";
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    @Override
    public void configure(ApplicationContext context) {
        Environment environment = context.getEnvironment();
        Map<String, Object> ssl = sslProperties(environment);
        if (!ssl.isEmpty()) {
            // above every other source, so that a stray micronaut.server.ssl.* cannot half-apply
            environment.addPropertySource(PropertySource.of("app-tls", ssl, Integer.MAX_VALUE));
        }
    }

    /**
     * The {@code micronaut.server.ssl.*} properties for the {@code app.tls.*} ones, empty when
     * TLS is not configured.
     *
     * @throws ConfigurationException naming the key whose value is wrong
     */
    static Map<String, Object> sslProperties(Environment environment) {
        Optional<Path> certificate = path(environment, CERTIFICATE);
        Optional<Path> privateKey = path(environment, PRIVATE_KEY);
        Optional<Path> keyStore = path(environment, KEY_STORE);
        Optional<Path> passwordFile = path(environment, KEY_STORE_PASSWORD_FILE);
        Optional<String> password = environment.getProperty(KEY_STORE_PASSWORD, String.class);
        if (keyStore.isPresent() && (certificate.isPresent() || privateKey.isPresent())) {
            throw new ConfigurationException(KEY_STORE + ": set either it or " + CERTIFICATE + " + " + PRIVATE_KEY
                    + ", not both");
        }
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new ConfigurationException((certificate.isPresent() ? PRIVATE_KEY : CERTIFICATE) + ": missing; "
                    + CERTIFICATE + " and " + PRIVATE_KEY + " go together");
        }
        if (keyStore.isEmpty() && (passwordFile.isPresent() || password.isPresent())) {
            throw new ConfigurationException((passwordFile.isPresent() ? KEY_STORE_PASSWORD_FILE : KEY_STORE_PASSWORD)
                    + ": set, but " + KEY_STORE + " is not");
        }
        SslConfiguration configuration = new SslConfiguration();
        String keyName;
        if (keyStore.isPresent()) {
            readable(KEY_STORE, keyStore.get());
            if (passwordFile.isPresent() && password.isPresent()) {
                throw new ConfigurationException(KEY_STORE_PASSWORD_FILE + ": set, and so is " + KEY_STORE_PASSWORD
                        + " (APP_TLS_KEY_STORE_PASSWORD); use one of them");
            }
            String secret = passwordFile.map(TlsSetup::readPassword).or(() -> password).orElseThrow(() ->
                    new ConfigurationException(KEY_STORE + ": needs its password, from " + KEY_STORE_PASSWORD_FILE
                            + " (an owner-only file) or the environment variable APP_TLS_KEY_STORE_PASSWORD"));
            configuration.getKeyStore().setPath(fileResource(keyStore.get()));
            configuration.getKeyStore().setType("PKCS12");
            configuration.getKeyStore().setPassword(secret);
            keyName = KEY_STORE;
        } else if (certificate.isPresent()) {
            pem(CERTIFICATE, certificate.get(), "CERTIFICATE");
            pem(PRIVATE_KEY, privateKey.get(), "PRIVATE KEY");
            configuration.getKeyStore().setCertificatePath(fileResource(certificate.get()));
            configuration.getKeyStore().setKeyPath(fileResource(privateKey.get()));
            keyName = PRIVATE_KEY;
        } else {
            return Map.of();
        }
        check(configuration, keyName, keyStore.or(() -> privateKey).orElseThrow());

        Map<String, Object> ssl = new LinkedHashMap<>();
        ssl.put("micronaut.server.ssl.enabled", true);
        ssl.put("micronaut.server.ssl.port", environment.getProperty("micronaut.server.port", Integer.class).orElse(8080));
        ssl.put("micronaut.server.ssl.protocols", PROTOCOLS);
        ssl.put("micronaut.server.ssl.build-self-signed", false);
        ssl.put("micronaut.server.dual-protocol", false);
        SslConfiguration.KeyStoreConfiguration store = configuration.getKeyStore();
        store.getPath().ifPresent(value -> ssl.put("micronaut.server.ssl.key-store.path", value));
        store.getType().ifPresent(value -> ssl.put("micronaut.server.ssl.key-store.type", value));
        store.getPassword().ifPresent(value -> ssl.put("micronaut.server.ssl.key-store.password", value));
        if (store.getCertificatePath() != null) {
            ssl.put("micronaut.server.ssl.key-store.certificate-path", store.getCertificatePath());
            ssl.put("micronaut.server.ssl.key-store.key-path", store.getKeyPath());
        }
        return ssl;
    }

    private static Optional<Path> path(Environment environment, String key) {
        return environment.getProperty(key, String.class).filter(value -> !value.isBlank()).map(Path::of);
    }

    private static void readable(String key, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationException(key + ": cannot read " + file.toAbsolutePath());
        }
    }

    /** Refuses a file that is not PEM text with a {@code -----BEGIN ...LABEL-----} block. */
    private static void pem(String key, Path file, String label) {
        readable(key, file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigurationException(key + ": cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        if (!text.matches("(?s).*-----BEGIN [A-Z0-9 ]*" + label + "-----.*")) {
            throw new ConfigurationException(key + ": " + file.toAbsolutePath() + " is not a PEM file with a "
                    + label + " (-----BEGIN ..." + label + "-----)");
        }
    }

    /** The password in {@code file}'s first line; the file must be the owner's alone where POSIX says so. */
    private static String readPassword(Path file) {
        readable(KEY_STORE_PASSWORD_FILE, file);
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> open = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                open.retainAll(OTHERS);
                if (!open.isEmpty()) {
                    throw new ConfigurationException(KEY_STORE_PASSWORD_FILE + ": " + file.toAbsolutePath()
                            + " can be read or written by others; make it owner-only (chmod 600)");
                }
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (password.isEmpty()) {
                throw new ConfigurationException(KEY_STORE_PASSWORD_FILE + ": " + file.toAbsolutePath() + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new ConfigurationException(KEY_STORE_PASSWORD_FILE + ": cannot read " + file.toAbsolutePath()
                    + ": " + e.getMessage());
        }
    }

    private static String fileResource(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    /**
     * Loads the key the way the server will (Micronaut's own loader) and proves that the private
     * key belongs to the first certificate of its chain by signing with one and verifying with the
     * other.
     */
    private static void check(SslConfiguration configuration, String key, Path file) {
        KeyStore store;
        try {
            store = new Loader().keyStore(configuration);
        } catch (Exception e) {
            throw new ConfigurationException(key + ": cannot load " + file.toAbsolutePath() + ": " + reason(e));
        }
        try {
            List<String> aliases = Collections.list(store.aliases()).stream().filter(alias -> isKey(store, alias)).toList();
            if (aliases.isEmpty()) {
                throw new ConfigurationException(key + ": " + file.toAbsolutePath() + " holds no private key");
            }
            char[] password = configuration.getKeyStore().getPassword().map(String::toCharArray).orElse(null);
            PrivateKey privateKey = (PrivateKey) store.getKey(aliases.get(0), password);
            Certificate[] chain = store.getCertificateChain(aliases.get(0));
            if (chain == null || chain.length == 0) {
                throw new ConfigurationException(key + ": " + file.toAbsolutePath() + " has no certificate for its key");
            }
            if (!belongTogether(privateKey, chain[0])) {
                throw new ConfigurationException(key + ": the key in " + file.toAbsolutePath()
                        + " does not belong to the certificate" + (key.equals(PRIVATE_KEY) ? " in " + CERTIFICATE : ""));
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(key + ": cannot use the key in " + file.toAbsolutePath() + ": " + reason(e));
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean belongTogether(PrivateKey key, Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519 and Ed448 sign as themselves
        };
        byte[] data = new byte[32];
        new SecureRandom().nextBytes(data);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    /** The innermost message, which names the actual problem (a wrong password, a bad encoding). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.security.UnrecoverableKeyException || String.valueOf(root.getMessage()).contains("password")) {
            return "wrong password, or not a PKCS#12 file";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Micronaut's key loading (PEM and key stores), used here only to load. */
    private static final class Loader extends SslBuilder<Void> {
        Loader() {
            super(new ResourceResolver());
        }

        KeyStore keyStore(SslConfiguration configuration) throws Exception {
            return getKeyStore(configuration).orElseThrow(() -> new IllegalStateException("no key store"));
        }

        @Override
        public Optional<Void> build(SslConfiguration configuration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Void> build(SslConfiguration configuration, HttpVersion httpVersion) {
            throw new UnsupportedOperationException();
        }
    }
}
