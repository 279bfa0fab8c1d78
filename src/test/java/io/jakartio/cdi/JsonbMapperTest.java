package io.jakartio.cdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jakartio.parser.RawJson;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonbMapperTest {

    public record Move(int x, int y) {
    }

    public static class Profile {
        public String name;
        public List<String> tags;
    }

    public List<Move> moves;

    private final JsonbMapper mapper = new JsonbMapper(JsonbBuilder.create());

    @Test
    void plainValuesPassThroughUnchanged() {
        byte[] bytes = {1, 2};
        assertSame(bytes, mapper.convert(bytes, byte[].class));
        assertEquals("hi", mapper.convert("hi", String.class));
        Map<String, Object> map = Map.of("a", 1);
        assertSame(map, mapper.convert(map, Map.class));
        assertSame(map, mapper.convert(map, Object.class));
    }

    @Test
    void numbersConvertToTheDeclaredNumericType() {
        assertEquals(42L, mapper.convert(42, long.class));
        assertEquals(3, mapper.convert(3.0, Integer.class));
        assertEquals(2.5, mapper.convert(2.5, double.class));
        assertEquals("7", mapper.convert(7, String.class));
    }

    @Test
    void mapsBindToRecordsAndPojosThroughJsonb() {
        assertEquals(new Move(1, 2), mapper.convert(Map.of("x", 1, "y", 2), Move.class));
        Profile profile = (Profile) mapper.convert(Map.of("name", "ada", "tags", List.of("a", "b")), Profile.class);
        assertEquals("ada", profile.name);
        assertEquals(List.of("a", "b"), profile.tags);
    }

    @Test
    void genericListsBindTheirElements() throws Exception {
        Type listOfMoves = JsonbMapperTest.class.getField("moves").getGenericType();
        Object value = mapper.convert(List.of(Map.of("x", 1, "y", 1), Map.of("x", 2, "y", 3)), listOfMoves);
        assertEquals(List.of(new Move(1, 1), new Move(2, 3)), value);
    }

    @Test
    void nullCannotBindToAPrimitive() {
        assertThrows(IllegalArgumentException.class, () -> mapper.convert(null, int.class));
        assertEquals(null, mapper.convert(null, Integer.class));
    }

    @Test
    void aValueThatDoesNotFitTheTypeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapper.convert(List.of(1, 2), Move.class));
        assertTrue(e.getMessage().startsWith("cannot bind a JSON array to "), e.getMessage());
    }

    @Test
    void outgoingObjectsBecomeRawJson() {
        Profile profile = new Profile();
        profile.name = "ada";
        profile.tags = List.of("x");
        assertEquals(new RawJson("{\"name\":\"ada\",\"tags\":[\"x\"]}"), mapper.apply(profile));
    }

    @Test
    void withoutAJsonbProviderPojosAreRefusedClearly() {
        JsonbMapper plain = new JsonbMapper(null);
        assertEquals(5L, plain.convert(5, long.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plain.convert(Map.of("x", 1), Move.class));
        assertTrue(e.getMessage().startsWith("no JSON-B provider"), e.getMessage());
    }
}
