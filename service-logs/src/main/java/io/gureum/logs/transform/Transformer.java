package io.gureum.logs.transform;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;

/** Runs a transformer's processors, in order, on one log event. */
public final class Transformer {
    private Transformer() {
    }

    /**
     * The event as the processors leave it, or null when they could not transform it (a parser whose source does not
     * parse): such an event is kept as it came. {@code metadata} holds the keys copyValue may read.
     */
    public static String apply(List<Processor> processors, String message, Map<String, String> metadata) {
        TransformEvent event = new TransformEvent(message, metadata);
        try {
            for (Processor p : processors) {
                if (p.parseJSON() != null) {
                    Parsers.parseJson(event, p.parseJSON());
                } else if (p.grok() != null) {
                    Parsers.grok(event, p.grok());
                } else if (p.csv() != null) {
                    Parsers.csv(event, p.csv());
                } else if (p.parseKeyValue() != null) {
                    Parsers.parseKeyValue(event, p.parseKeyValue());
                } else if (!Mutators.run(event, p) && !DataProcessors.run(event, p)) {
                    throw new TransformFailed("Unsupported processor.");
                }
            }
        } catch (TransformFailed e) {
            return null;
        }
        return event.root == null ? null : event.message();
    }
}
