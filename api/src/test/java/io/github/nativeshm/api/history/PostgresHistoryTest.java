package io.github.nativeshm.api.history;

import java.util.Map;

/** {@link HistoryTest} on a real PostgreSQL server ({@link PostgresServer}), the password read from a file. */
class PostgresHistoryTest extends HistoryTest {
    private PostgresServer server;
    private String url;

    @Override
    Map<String, String> databaseProperties() throws Exception {
        if (server == null) {
            server = PostgresServer.start();
            url = server.newDatabase();
        }
        return Map.of("app.database.url", url, "app.database.user", PostgresServer.USER,
                "app.database.password-file", server.passwordFile().toString());
    }

    @Override
    void closeDatabase() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
