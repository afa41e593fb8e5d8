package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * What Parameter Store finds again after a restart on the same --data-dir: every version with its labels,
 * tags, SecureStrings that still decrypt (KMS keeps its key), Expiration policies still due on the clock.
 */
class SsmRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void parametersSurviveARestart() {
        Instant firstModified;
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            ssm.putParameter(b -> b.name("/app/db").value("one").type(ParameterType.STRING).description("db")
                    .tags(t -> t.key("team").value("a")));
            ssm.putParameter(b -> b.name("/app/db").value("two").overwrite(true));
            ssm.labelParameterVersion(b -> b.name("/app/db").parameterVersion(1L).labels("old", "first"));
            ssm.unlabelParameterVersion(b -> b.name("/app/db").parameterVersion(1L).labels("first"));
            ssm.putParameter(b -> b.name("/app/secret").value("s3cr3t").type(ParameterType.SECURE_STRING));
            ssm.putParameter(b -> b.name("/app/gone").value("x").type(ParameterType.STRING));
            ssm.deleteParameter(b -> b.name("/app/gone"));
            String expiry = g.context().clock().now().plus(Duration.ofDays(2)).toString();
            ssm.putParameter(b -> b.name("/app/temp").value("t").type(ParameterType.STRING)
                    .tier("Advanced").policies("[{\"Type\":\"Expiration\",\"Version\":\"1.0\","
                            + "\"Attributes\":{\"Timestamp\":\"" + expiry + "\"}}]"));
            firstModified = ssm.getParameterHistory(b -> b.name("/app/db")).parameters().get(0).lastModifiedDate();
        }
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            assertEquals("two", ssm.getParameter(b -> b.name("/app/db")).parameter().value());
            assertEquals(2L, ssm.getParameter(b -> b.name("/app/db")).parameter().version());
            assertEquals("one", ssm.getParameter(b -> b.name("/app/db:old")).parameter().value());
            List<ParameterHistory> history = ssm.getParameterHistory(b -> b.name("/app/db")).parameters();
            assertEquals(2, history.size());
            assertEquals(List.of("old"), history.get(0).labels());
            assertEquals("db", history.get(0).description());
            assertEquals(firstModified, history.get(0).lastModifiedDate());
            assertEquals("a", ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER)
                    .resourceId("/app/db")).tagList().get(0).value());
            assertEquals("s3cr3t", ssm.getParameter(b -> b.name("/app/secret").withDecryption(true)).parameter()
                    .value(), "the SecureString decrypts with the key KMS kept");
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/app/gone")));
            assertEquals("t", ssm.getParameter(b -> b.name("/app/temp")).parameter().value());
            g.context().clock().advance(Duration.ofDays(3));
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/app/temp")),
                    "the Expiration policy still came due");
        }
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(b -> b.name("/app/temp")),
                    "the expiry was recorded");
            assertEquals("two", ssm.getParameter(b -> b.name("/app/db")).parameter().value());
        }
    }
}
