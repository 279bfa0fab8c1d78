package io.jakartio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A header map's entry that stands for a header sent several times (Node's array value). */
class HttpResponseTest {

    @Test
    void aValueWithoutALineBreakIsOneHeader() {
        assertEquals(List.of("1=1; Max-Age=86400"), HttpResponse.headerValues("1=1; Max-Age=86400"));
    }

    @Test
    void valuesJoinedByLineBreaksAreThatManyHeadersInOrder() {
        assertEquals(List.of("1=1; Max-Age=86400", "2=2; Path=/; HttpOnly", "3=3; Max-Age=0"),
                HttpResponse.headerValues("1=1; Max-Age=86400\n2=2; Path=/; HttpOnly\n3=3; Max-Age=0"));
    }
}
