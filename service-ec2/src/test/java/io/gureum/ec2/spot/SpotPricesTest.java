package io.gureum.ec2.spot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.ec2.types.InstanceTypeCatalogue;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

class SpotPricesTest {
    private static final InstanceTypeCatalogue CATALOGUE = InstanceTypeCatalogue.standard();
    private static final Instant T = Instant.parse("2026-01-01T10:30:00Z");

    private static BigDecimal spot(String type, String product) {
        return SpotPrices.price(CATALOGUE.info(type), "us-east-1a", product, T);
    }

    @Test
    void pricesAreTheSameOnEveryCallWithinAPeriod() {
        InstanceTypeInfo m5 = CATALOGUE.info("m5.large");
        assertEquals(SpotPrices.price(m5, "us-east-1a", "Linux/UNIX", T),
                SpotPrices.price(m5, "us-east-1a", "Linux/UNIX", T.plusSeconds(3600)));
        assertEquals(Instant.parse("2026-01-01T08:00:00Z"), SpotPrices.periodStart(T));
    }

    @Test
    void pricesGrowWithSizeAndLicencesAndStayBelowOnDemand() {
        assertTrue(spot("m5.large", "Linux/UNIX").compareTo(spot("m5.4xlarge", "Linux/UNIX")) < 0);
        assertTrue(spot("t3.micro", "Linux/UNIX").compareTo(spot("m5.large", "Linux/UNIX")) < 0);
        assertTrue(spot("m5.large", "Linux/UNIX").compareTo(spot("m5.large", "Windows")) < 0);
        BigDecimal onDemand = SpotPrices.onDemand(CATALOGUE.info("m5.large"), "Linux/UNIX");
        // about the real $0.096 an hour
        assertTrue(onDemand.compareTo(new BigDecimal("0.08")) > 0 && onDemand.compareTo(new BigDecimal("0.11")) < 0,
                onDemand.toPlainString());
        BigDecimal spot = spot("m5.large", "Linux/UNIX");
        assertTrue(spot.compareTo(onDemand.multiply(new BigDecimal("0.5"))) < 0, spot.toPlainString());
        assertTrue(spot.signum() > 0);
    }
}
