package io.jakartio.chat.store;

import io.jakartio.testing.TestDatabase;

/** {@link ChatStore} on H2 2.x, the database of the Tomcat flavour, Payara and WildFly. */
class ChatStoreH2Test extends ChatStoreContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
