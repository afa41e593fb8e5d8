package io.gureum.dynamodb.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A number's size counts its significant digits only (CapacityUnitCalculations.html). */
class ValuesSizeTest {
    @Test
    void numberSizeCountsSignificantDigitsOfTheMantissa() {
        assertEquals(1, Values.numberSize("0"));
        assertEquals(2, Values.numberSize("7"));
        assertEquals(4, Values.numberSize("123.45"));
        assertEquals(4, Values.numberSize("-12345"));
        assertEquals(2, Values.numberSize("-0.00100"), "leading and trailing zeros do not count");
        assertEquals(2, Values.numberSize("1000000"));
        assertEquals(3, Values.numberSize("1001"), "zeros between significant digits count");
        assertEquals(2, Values.numberSize("1E+5"), "the exponent does not count");
        assertEquals(3, Values.numberSize("1.25e-7"));
        assertEquals(20, Values.numberSize("1234567890123456789012345678901234567890".substring(0, 38)));
    }
}
