package io.jakartio.parser;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double the way JavaScript's {@code Number.prototype.toString()} does (ECMA-262,
 * Number::toString), so that numbers echo back exactly as a Node.js server would write them:
 * {@code 1e21}, {@code 1.5e-7}, {@code 0.000001}, {@code 123456789012345680000}.
 */
final class JsNumberFormat {

    private JsNumberFormat() {
    }

    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) {
            sb.append('-');
            value = -value;
        }
        // The shortest decimal that round-trips, as digits s (k of them) and exponent n such that
        // value = 0.s * 10^n (the notation of the specification).
        BigDecimal decimal = shortest(value).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale();
        if (k <= n && n <= 21) {
            sb.append(digits);
            sb.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            sb.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return sb.toString();
    }

    /**
     * The decimal with the fewest significant digits that parses back to {@code value}, the
     * closest to {@code value} among those (ECMA-262 Number::toString, step 5).
     * {@link Double#toString(double)} is not enough before JDK 19 (JDK-4511638): it sometimes
     * writes one digit too many ({@code 2.0E23} as {@code 1.9999999999999998E23}).
     */
    private static BigDecimal shortest(double value) {
        BigDecimal candidate = new BigDecimal(Double.toString(value));
        BigDecimal exact = new BigDecimal(value);
        // A p-digit decimal that round-trips is also a (p+1)-digit one, so shrink p while possible.
        int precision = candidate.stripTrailingZeros().precision();
        while (precision > 1 && roundTrip(exact, precision - 1, value) != null) {
            precision--;
        }
        BigDecimal closest = roundTrip(exact, precision, value);
        return closest != null ? closest : candidate;
    }

    /** The closest {@code precision}-digit decimal to {@code exact} that parses back to {@code value}, or null. */
    private static BigDecimal roundTrip(BigDecimal exact, int precision, double value) {
        BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (Double.parseDouble(nearest.toString()) == value) {
            return nearest;
        }
        // The nearest lies outside the rounding interval; the neighbour on the other side may not.
        RoundingMode other = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal second = exact.round(new MathContext(precision, other));
        return Double.parseDouble(second.toString()) == value ? second : null;
    }
}
