package io.gureum.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * With {@code resetBetweenTests()}, what one test changes is gone in the next. The order is fixed on
 * purpose: the second test checks what the first left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetBetweenTestsIT {
    @RegisterExtension
    static GureumExtension aws = GureumExtension.builder().resetBetweenTests().build();

    @Test
    @Order(1)
    void firstTestMovesTheClockForward() {
        aws.gureum().context().clock().advance(Duration.ofHours(2));
        assertEquals(7200, aws.gureum().context().clock().offsetSeconds());
        assertEquals("000000000000", aws.client(StsClient.class).getCallerIdentity().account());
    }

    @Test
    @Order(2)
    void secondTestStartsFromAFreshState() {
        assertEquals(0, aws.gureum().context().clock().offsetSeconds());
    }
}
