package io.jakartio.chat.store;

import io.jakartio.testing.TestDatabase;

/** {@link ChatStore} on PostgreSQL 15 (127.0.0.1:5432), in a schema of its own. */
class ChatStorePostgresTest extends ChatStoreContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
