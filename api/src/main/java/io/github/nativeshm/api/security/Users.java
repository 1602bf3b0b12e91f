/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.security;

import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The users file ({@code users.yaml}, owner-only): each user's name, bcrypt password hash and
 * {@link Role}. Read again whenever it changes, so that {@code app.jar user add|remove} takes
 * effect on a running app.
 */
public class Users {
    /** bcrypt's work factor for new hashes: about a quarter of a second per check on a current machine. */
    public static final int BCRYPT_COST = 12;
    /** The shortest password {@link #add} accepts. */
    public static final int MIN_PASSWORD = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Users.class);
    private static final String NAME = "[A-Za-z0-9._@-]{1,64}";
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(BCRYPT_COST);

    /** One user as the file has it. */
    public record User(String name, String passwordHash, Role role) {
    }

    private final Path file;
    private List<User> users = List.of();
    private FileTime readAt;

    /**
     * @throws ConfigurationException if the file exists but is open to others or not a valid users file
     */
    public Users(Path file) {
        this.file = file.toAbsolutePath();
        refresh(true);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Everyone in the file, as it is now. */
    public synchronized List<User> list() {
        refresh(false);
        return users;
    }

    /** The user called {@code name}, as the file has it now. */
    public Optional<User> find(String name) {
        return list().stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /**
     * The user whose name and password these are. Takes as long for an unknown name as for a wrong
     * password, so that the time does not tell which names exist.
     */
    public Optional<User> authenticate(String name, String password) {
        Optional<User> user = find(name);
        boolean matches = BCRYPT.matches(password, user.map(User::passwordHash).orElseGet(Unknown::hash));
        return matches ? user : Optional.empty();
    }

    /**
     * Adds {@code name} with {@code password} (hashed with bcrypt) and {@code role}, or gives an
     * existing user the new password and role.
     *
     * @return whether the user existed
     * @throws IllegalArgumentException if the name or the password is not acceptable
     */
    public synchronized boolean add(String name, String password, Role role) throws IOException {
        checkName(name);
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password needs at least " + MIN_PASSWORD + " characters");
        }
        List<User> changed = new ArrayList<>(list());
        boolean existed = changed.removeIf(user -> user.name().equals(name));
        changed.add(new User(name, BCRYPT.encode(password), role));
        save(changed);
        return existed;
    }

    /**
     * Removes {@code name}; sessions of that user stop working at their next request.
     *
     * @return whether there was such a user
     */
    public synchronized boolean remove(String name) throws IOException {
        List<User> changed = new ArrayList<>(list());
        boolean existed = changed.removeIf(user -> user.name().equals(name));
        if (existed) {
            save(changed);
        }
        return existed;
    }

    private static void checkName(String name) {
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException("a user name is 1 to 64 characters from A-Z a-z 0-9 . _ @ -, was '"
                    + name + "'");
        }
    }

    private void save(List<User> changed) throws IOException {
        List<Map<String, String>> entries = changed.stream().map(user -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", user.name());
            entry.put("password", user.passwordHash());
            entry.put("role", user.role().id());
            return entry;
        }).toList();
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = "# native-shm's users: change with `java -jar app.jar user add|remove NAME`\n"
                + new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options)
                .dump(Map.of("users", entries));
        OwnerOnly.write(file, yaml);
        users = List.copyOf(changed);
        readAt = Files.getLastModifiedTime(file);
    }

    /**
     * Reads the file again if it changed since the last read. At start a bad file stops the app;
     * later the users read before stay in force and the problem is logged.
     */
    private synchronized void refresh(boolean starting) {
        try {
            FileTime modified = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            if (!starting && Objects.equals(modified, readAt)) {
                return;
            }
            users = modified == null ? List.of() : read();
            readAt = modified;
        } catch (IOException | RuntimeException e) {
            ConfigurationException problem = e instanceof ConfigurationException c ? c
                    : new ConfigurationException(file + ": cannot read the users (" + e.getMessage() + ")");
            if (starting) {
                throw problem;
            }
            LOG.error("{}; the users read before stay in force", problem.getMessage());
        }
    }

    private List<User> read() throws IOException {
        OwnerOnly.check(file);
        Object root = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(file, StandardCharsets.UTF_8));
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("users") instanceof List<?> entries)) {
            throw new ConfigurationException(file + ": expected 'users:' with a list of {name, password, role}");
        }
        List<User> read = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> fields) || !(fields.get("name") instanceof String name)
                    || !(fields.get("password") instanceof String hash) || !(fields.get("role") instanceof String role)) {
                throw new ConfigurationException(file + ": each user needs name, password (a bcrypt hash) and role");
            }
            if (!name.matches(NAME) || !hash.startsWith("$2") || Role.of(role).isEmpty()) {
                throw new ConfigurationException(file + ": user '" + name + "': the name is 1 to 64 characters from"
                        + " A-Z a-z 0-9 . _ @ -, the password a bcrypt hash ($2a$...), the role editor or viewer");
            }
            read.add(new User(name, hash, Role.of(role).orElseThrow()));
        }
        return List.copyOf(read);
    }

    /** A hash no password matches, checked for unknown names: made once, when first needed. */
    private static final class Unknown {
        private static final String HASH = BCRYPT.encode(UUID.randomUUID().toString());

        static String hash() {
            return HASH;
        }
    }
}
