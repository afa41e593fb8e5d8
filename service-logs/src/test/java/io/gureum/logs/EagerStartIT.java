package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.events.LogEvents;
import io.gureum.core.testing.AwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * Logs hears Lambda's output before anyone has called Logs, and again right after a reset: its
 * handler is created eagerly.
 */
class EagerStartIT {

    private static void publish(Gureum gureum, String group, String message) {
        long now = gureum.context().clock().now().toEpochMilli();
        gureum.context().events().publish(new LogEvents("000000000000", "us-east-1", group, "stream",
                List.of(new LogEvents.Event(now, message))));
    }

    private static List<String> messages(CloudWatchLogsClient logs, String group) {
        return logs.getLogEvents(b -> b.logGroupName(group).logStreamName("stream").startFromHead(true)).events()
                .stream().map(OutputLogEvent::message).toList();
    }

    @Test
    void eventsPublishedBeforeTheFirstLogsRequestAndAfterAResetAreKept() throws Exception {
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).build());
                CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum)) {
            publish(gureum, "/aws/lambda/early", "before any Logs request");
            assertEquals(List.of("before any Logs request"), messages(logs, "/aws/lambda/early"));

            HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(gureum.endpoint() + "/_gureum/reset?service=logs"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reset.statusCode(), reset.body());
            publish(gureum, "/aws/lambda/after-reset", "right after the reset");
            assertEquals(List.of("right after the reset"), messages(logs, "/aws/lambda/after-reset"));
        }
    }
}
