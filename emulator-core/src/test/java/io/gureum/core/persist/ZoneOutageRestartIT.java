package io.gureum.core.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.topology.ZoneState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Availability Zone outage is core state: a restart on the same --data-dir does not lift it. */
class ZoneOutageRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static HttpResponse<String> outage(Gureum g, String method, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(g.endpoint()
                + "/_gureum/faults/az-outage")).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOutageStaysAfterARestartAndLiftingItIsKeptToo() throws Exception {
        try (Gureum g = start()) {
            assertEquals(200, outage(g, "POST", "{\"zone\":\"us-east-1a\"}").statusCode());
            assertEquals(200, outage(g, "POST", "{\"zone\":\"us-east-1b\",\"state\":\"unavailable\"}").statusCode());
        }
        try (Gureum g = start()) {
            assertEquals(Map.of("us-east-1a", ZoneState.IMPAIRED, "us-east-1b", ZoneState.UNAVAILABLE),
                    g.context().zoneStates().unavailable());
            String listed = outage(g, "GET", null).body();
            assertTrue(listed.contains("\"zone\":\"us-east-1a\",\"state\":\"impaired\""), listed);
            assertEquals(200, outage(g, "DELETE", null).statusCode());
        }
        try (Gureum g = start()) {
            assertEquals(Map.of(), g.context().zoneStates().unavailable(), "lifting the outage was kept");
        }
    }
}
