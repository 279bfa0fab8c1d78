package io.jakartio.it;

import io.jakartio.testing.TestDatabase;

/** The full chat's server side on PostgreSQL 15 (127.0.0.1:5432), in a schema of its own. */
class FullChatPostgresTest extends FullChatScenarios {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
