package io.gureum.cloudformation.resource.cloudformation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.engine.Signals;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code AWS::CloudFormation::WaitCondition} with a {@code Handle}: completes after {@code Count} SUCCESS
 * signals PUT to the handle's URL within {@code Timeout} seconds; {@code Fn::GetAtt Data} is the JSON object
 * of the signals' data by UniqueId, {@code Fn::GetAtt Id} the same value as {@code Ref}. Without a Handle (a CreationPolicy instead) it completes at once and the
 * engine waits for the CreationPolicy's signals.
 */
public final class WaitConditionHandler implements AsyncResourceHandler {
    private final Signals signals;

    public WaitConditionHandler(Signals signals) {
        this.signals = signals;
    }

    @Override
    public String type() {
        return "AWS::CloudFormation::WaitCondition";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        return createAsync(r).join();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        String physicalId = r.stack().stackId() + "/" + r.logicalId();
        if (!r.has("Handle")) {
            return CompletableFuture.completedFuture(Created.of(physicalId).attribute("Id", physicalId).attribute("Data", "{}"));
        }
        String key = WaitConditionHandleHandler.key(r.text("Handle"));
        if (key == null) {
            throw new ResourceFailure("Handle " + r.text("Handle") + " is not a WaitConditionHandle URL");
        }
        int count = r.integer("Count") == null ? 1 : r.integer("Count");
        Integer seconds = r.integer("Timeout");
        if (seconds == null || seconds < 1 || seconds > 43200) {
            throw new ResourceFailure("Timeout must be a number of seconds between 1 and 43200");
        }
        return signals.expect(key, count, Duration.ofSeconds(seconds),
                got -> "WaitCondition timed out. Received " + got + " conditions when expecting " + count,
                s -> "WaitCondition received failed message: '" + s.reason() + "' for uniqueId: " + s.uniqueId())
                .thenApply(received -> {
                    ObjectNode data = JsonNodeFactory.instance.objectNode();
                    received.values().forEach(s -> data.put(s.uniqueId(), s.data() == null ? "" : s.data()));
                    return Created.of(physicalId).attribute("Id", physicalId).attribute("Data", data.toString());
                });
    }

    @Override
    public void delete(ResourceRequest r) {
    }
}
