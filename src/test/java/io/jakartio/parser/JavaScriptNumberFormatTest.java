package io.jakartio.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Doubles are written as {@code JSON.stringify} writes them. Every expected value below is what
 * Node.js 20 prints for {@code console.log(JSON.stringify(x))}.
 */
class JavaScriptNumberFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1.5                     | 1.5",
        "-1.5                    | -1.5",
        "0.1                     | 0.1",
        "0.30000000000000004     | 0.30000000000000004",
        "0.3333333333333333      | 0.3333333333333333",
        "3.0000000000000004      | 3.0000000000000004",
        "123.456                 | 123.456",
        "4.35                    | 4.35",
        "100.0                   | 100",
        "0.0                     | 0",
        "-0.0                    | 0",
        "1e15                    | 1000000000000000",
        "1e16                    | 10000000000000000",
        "1e20                    | 100000000000000000000",
        "123456789012345680000.0 | 123456789012345680000",
        "12345678901234567890.0  | 12345678901234567000",
        "9007199254740993.0      | 9007199254740992",
        "9.223372036854775807E18 | 9223372036854776000",
        "999999999999999900000.0 | 999999999999999900000",
        "1e21                    | 1e+21",
        "1e22                    | 1e+22",
        "1e300                   | 1e+300",
        "1.7976931348623157E308  | 1.7976931348623157e+308",
        "0.000001                | 0.000001",
        "0.000001234             | 0.000001234",
        "0.00001                 | 0.00001",
        "1e-6                    | 0.000001",
        "1e-7                    | 1e-7",
        "1.5e-7                  | 1.5e-7",
        "-1e-300                 | -1e-300",
        "2.2250738585072014E-308 | 2.2250738585072014e-308",
    })
    void formatsLikeJavaScript(double value, String expected) {
        assertEquals(expected, JsonWriter.toJson(value));
    }

    // Double.toString before JDK 19 does not always give the shortest digits (JDK-4511638).
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "2e23                 | 2e+23",
        "1e23                 | 1e+23",
        "8.41e21              | 8.41e+21",
        "4.9E-324             | 5e-324",
        "2.82879384806159E17  | 282879384806159000",
        "-2.681447534367114E18 | -2681447534367114000",
        "5.722351919331477E17 | 572235191933147700",
        "-9.700506271502651E16 | -97005062715026510",
    })
    void writesTheShortestDigitsThatReadBackAsTheSameDouble(double value, String expected) {
        assertEquals(expected, JsonWriter.toJson(value));
    }

    @Test
    void writesNonFiniteNumbersAsNull() {
        assertEquals("null", JsonWriter.toJson(Double.NaN));
        assertEquals("null", JsonWriter.toJson(Double.POSITIVE_INFINITY));
        assertEquals("null", JsonWriter.toJson(Double.NEGATIVE_INFINITY));
    }

    @Test
    void writesEveryDoubleSoThatItReadsBackExactly() throws Exception {
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String json = JsonWriter.toJson(value);
            Object back = JsonReader.parse(json);
            assertEquals(value == 0 ? 0.0 : value, ((Number) back).doubleValue(), json);
            assertTrue(significantDigits(json) <= 17, json);
        }
    }

    private static int significantDigits(String json) {
        String mantissa = json.replaceFirst("e.*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
        return mantissa.replaceFirst("0+$", "").length();
    }
}
