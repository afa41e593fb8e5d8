package io.gureum.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class GureumExtensionIT {
    @RegisterExtension
    static GureumExtension aws = GureumExtension.builder()
            .services("sts", "iam")
            .region(Region.AP_NORTHEAST_2)
            .accessKeyId("123456789012")
            .build();

    @Test
    void readyMadeClientsTalkToTheInJvmServer() {
        StsClient sts = aws.client(StsClient.class);
        assertEquals("123456789012", sts.getCallerIdentity().account());
        assertTrue(aws.endpoint().toString().startsWith("http://127.0.0.1:"), aws.endpoint().toString());
        assertEquals(Region.AP_NORTHEAST_2, aws.region());
    }

    @Test
    void onlyTheNamedServicesAreLoaded() {
        assertEquals(java.util.List.of("iam", "sts"), aws.gureum().serviceNames().stream().sorted().toList());
    }

    @Test
    void aClientTypeThatIsNotAnSdkClientIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> aws.client(Runnable.class));
    }

    @Test
    void clockMovesOnlyWhenAsked() {
        long before = aws.gureum().context().clock().offsetSeconds();
        aws.gureum().context().clock().advance(Duration.ofSeconds(30));
        assertEquals(before + 30, aws.gureum().context().clock().offsetSeconds());
    }
}
