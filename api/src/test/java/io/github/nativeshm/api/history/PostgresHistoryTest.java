/*
 * Copyright 2026 The native-shm authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nativeshm.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.nativeshm.api.TestApp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.github.nativeshm.api.ApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    @Order(6)
    void whileTheDatabaseIsDownTheHistoryAnswers503AndTheRecorderCatchesUpAfter() throws Exception {
        Duration wait = Duration.ofSeconds(90);
        HistoryRecorder recorder = app().getBean(HistoryRecorder.class);
        server.pause();
        try {
            TestApp.await("the recorder to report the database", wait, () -> recorder.problem().isPresent());
            assertTrue(recorder.problem().orElseThrow().startsWith("the PostgreSQL database " + url + " cannot be used: "),
                    recorder.problem().orElseThrow());
            assertProblem(http().get("/api/items?include=gone"), 503, "history: the PostgreSQL database " + url, "cannot be used");
            assertEquals(200, http().get("/api/items").status()); // the segment's items do not need it
            JsonNode problems = http().get("/api/status").json().get("problems");
            assertTrue(problems.findValuesAsText("kind").contains("database"), "/api/status lists the database: " + problems);
            site().show(Map.of("Alpha", 30L, "Charlie", 1L));
        } finally {
            server.resume();
        }
        TestApp.await("the recorder to write again", wait, () -> recorder.problem().isEmpty());
        long alpha = http().get("/api/items?include=gone&q=alpha").json().get("items").get(0).get("id").asLong();
        TestApp.await("Alpha's score while the database was down", wait, () -> http().get("/api/items/" + alpha + "/history")
                .json().get("points").findValues("score").stream().anyMatch(score -> score.asLong() == 30));
    }
}
