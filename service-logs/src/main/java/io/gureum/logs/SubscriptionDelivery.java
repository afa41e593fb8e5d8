package io.gureum.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Sends the events a subscription filter matches to its Lambda function, as CloudWatch Logs does
 * (SubscriptionFilters.html#LambdaFunctionExample): one asynchronous invocation per filter and ingested batch, as
 * {@code logs.amazonaws.com} for the log group, with the payload {@code {"awslogs": {"data": …}}} whose data is the
 * base64 of the gzipped {@code DATA_MESSAGE} (owner, logGroup, logStream, subscriptionFilters, logEvents with id,
 * timestamp and message). Invocations run on a worker thread; what Lambda refuses is dropped.
 */
final class SubscriptionDelivery {
    static final String PRINCIPAL = "logs.amazonaws.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceClients clients;
    private final Executor workers;

    SubscriptionDelivery(ServiceClients clients, Executor workers) {
        this.clients = clients;
        this.workers = workers;
    }

    void ingested(LogGroup group, LogStream stream, List<StoredEvent> batch) {
        if (batch.isEmpty() || group.subscriptionFilters.isEmpty()) {
            return;
        }
        for (StoredSubscriptionFilter filter : group.subscriptionFilters.values()) {
            List<StoredEvent> matched = new ArrayList<>();
            // applyOnTransformedLogs: the filter reads (and delivers) the transformed version of the events
            // (API_PutSubscriptionFilter.html).
            boolean transformed = Boolean.TRUE.equals(filter.applyOnTransformedLogs());
            for (StoredEvent e : batch) {
                StoredEvent seen = transformed && e.transformed() != null
                        ? new StoredEvent(e.timestamp(), e.ingestionTime(), e.transformed(), e.seq()) : e;
                if (filter.pattern().matches(seen.message())) {
                    matched.add(seen);
                }
            }
            if (matched.isEmpty() || !isFunction(filter.destinationArn())) {
                continue;
            }
            byte[] payload = payload(group, stream.name, filter.filterName(), matched);
            try {
                workers.execute(() -> invoke(group, filter.destinationArn(), payload));
            } catch (RejectedExecutionException closing) {
                // the server is shutting down
            }
        }
    }

    static boolean isFunction(String arn) {
        return arn.startsWith("arn:") && arn.contains(":lambda:") && arn.contains(":function:");
    }

    private void invoke(LogGroup group, String functionArn, byte[] payload) {
        try {
            lambda(functionArn, group).invoke(b -> b.functionName(functionArn).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload)));
        } catch (RuntimeException refused) {
            // AWS retries and then drops what the function does not accept; Gureum drops it at once.
        }
    }

    LambdaClient lambda(String functionArn, LogGroup group) {
        Arn function = Arn.parse(functionArn);
        return clients.client(LambdaClient.class,
                Caller.service(PRINCIPAL, function.accountId(), function.region(), group.arn()));
    }

    boolean lambdaServed() {
        return clients.serves(LambdaClient.class);
    }

    /** {@code {"awslogs":{"data":"<base64 of gzip of the DATA_MESSAGE>"}}}. */
    static byte[] payload(LogGroup group, String stream, String filterName, List<StoredEvent> events) {
        ObjectNode message = JSON.createObjectNode();
        message.put("messageType", "DATA_MESSAGE");
        message.put("owner", group.account);
        message.put("logGroup", group.name);
        message.put("logStream", stream);
        message.putArray("subscriptionFilters").add(filterName);
        ArrayNode list = message.putArray("logEvents");
        for (StoredEvent e : events) {
            list.addObject().put("id", e.eventId()).put("timestamp", e.timestamp()).put("message", e.message());
        }
        ObjectNode outer = JSON.createObjectNode();
        outer.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gzip(message.toString())));
        return outer.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
