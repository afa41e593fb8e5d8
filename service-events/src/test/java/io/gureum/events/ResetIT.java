package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/** A reset of the eventbridge API forgets its buses and rules, registry entries included. */
class ResetIT extends EventsTestSupport {

    @Test
    void resetForgetsBusesAndRulesAndTheyCanBeMadeAgain() throws Exception {
        String bus = unique("bus");
        events.createEventBus(b -> b.name(bus));
        events.putRule(b -> b.name("r").eventBusName(bus).eventPattern("{\"source\":[\"x\"]}"));
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"x\"]}"));

        HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/reset?service=eventbridge"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reset.statusCode(), reset.body());

        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> events.describeEventBus(b -> b.name(bus)));
        assertEquals("default", events.describeEventBus(b -> {
        }).name());
        events.createEventBus(b -> b.name(bus));
        events.putRule(b -> b.name("r").eventPattern("{\"source\":[\"y\"]}"));
        assertEquals("{\"source\":[\"y\"]}", events.describeRule(b -> b.name("r")).eventPattern());
    }
}
