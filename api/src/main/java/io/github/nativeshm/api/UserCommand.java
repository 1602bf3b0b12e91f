/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api;

import io.github.nativeshm.api.security.AuthSettings;
import io.github.nativeshm.api.security.Role;
import io.github.nativeshm.api.security.Users;
import io.micronaut.context.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * {@code app.jar user add|remove|list}: the users who may sign in, kept in the users file
 * ({@code <data-dir>/users.yaml} unless {@code app.auth.users-file} names another). A running app
 * reads the file again when it changes. Passwords are never arguments, where every local user
 * could read them ({@code ps}): they come from the console without echo, or as one line of
 * standard input when that is not a terminal.
 */
@Command(name = "user", description = "add, remove or list the users who may sign in", mixinStandardHelpOptions = true)
public class UserCommand {
    @ParentCommand
    private Application application;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory [app.data-dir]",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    private Path dataDir;

    @Command(name = "add", description = "add a user, or give one a new password and role; asks for the password")
    int add(@Parameters(paramLabel = "NAME", description = "the user's name") String name,
            @Option(names = "--role", paramLabel = "ROLE", defaultValue = "editor",
                    description = "editor (may change things) or viewer (reads only); default ${DEFAULT-VALUE}")
            String roleName) {
        if (Role.of(roleName).isEmpty()) {
            System.err.println("app: --role: '" + roleName + "' is neither editor nor viewer");
            return Application.BAD_USAGE;
        }
        return withUsers(users -> {
            String password = readPassword(name);
            if (password == null) {
                return Application.BAD_USAGE;
            }
            try {
                boolean existed = users.add(name, password, Role.of(roleName).orElseThrow());
                System.out.println((existed ? "changed " : "added ") + name + " (" + roleName + ") in " + users.file());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("app: " + e.getMessage());
                return Application.BAD_USAGE;
            } catch (IOException e) {
                throw new UncheckedIOException(users.file() + ": cannot write", e);
            }
        });
    }

    @Command(name = "remove", description = "remove a user; their sessions end at once")
    int remove(@Parameters(paramLabel = "NAME", description = "the user's name") String name) {
        return withUsers(users -> {
            try {
                if (!users.remove(name)) {
                    System.err.println("app: no user '" + name + "' in " + users.file());
                    return Application.FAILED;
                }
                System.out.println("removed " + name + " from " + users.file());
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(users.file() + ": cannot write", e);
            }
        });
    }

    @Command(name = "list", description = "list the users and their roles")
    int list() {
        return withUsers(users -> {
            users.list().forEach(user -> System.out.println(user.name() + " " + user.role().id()));
            return 0;
        });
    }

    private int withUsers(Function<Users, Integer> command) {
        application.setDataDir(dataDir);
        return application.withConfiguration((Environment environment) -> {
            Path data = new DataDirectory(Application.settings(environment)).path();
            Path file = environment.getProperty("app.auth.users-file", Path.class)
                    .orElse(data.resolve(AuthSettings.USERS_FILE));
            return command.apply(new Users(file));
        });
    }

    /** The password from the console (asked twice), else one line of standard input; null after saying why not. */
    private static String readPassword(String name) {
        Console console = System.console();
        String password;
        if (console != null) {
            char[] first = console.readPassword("password for %s: ", name);
            char[] again = console.readPassword("the same again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                System.err.println("app: the two passwords differ; nothing changed");
                return null;
            }
            password = new String(first);
            Arrays.fill(first, ' ');
            Arrays.fill(again, ' ');
        } else {
            try {
                password = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }
        if (password == null) {
            System.err.println("app: no password on standard input; nothing changed");
        }
        return password;
    }
}
