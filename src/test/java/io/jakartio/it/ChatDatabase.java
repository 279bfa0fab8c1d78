package io.jakartio.it;

import io.jakartio.testing.TestDatabase;

/** The databases the full chat's tests run on ({@link EveryDatabase}). */
enum ChatDatabase {

    /** H2 in memory: the database of the Tomcat flavour, Payara and WildFly. */
    H2,

    /** PostgreSQL 15 on 127.0.0.1:5432, in a schema of its own. */
    POSTGRESQL;

    /** @return a new, empty database of this kind */
    TestDatabase open() {
        return this == H2 ? TestDatabase.h2() : TestDatabase.postgres();
    }
}
