package io.jakartio.it;

import io.jakartio.testing.TestDatabase;

/** The full chat's server side on H2, the database of the Tomcat flavour, Payara and WildFly. */
class FullChatH2Test extends FullChatScenarios {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
